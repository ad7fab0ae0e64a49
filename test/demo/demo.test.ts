import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/demo';

/**
 * The one-command demo, in-process, on the chain's default hyperparameters (commit-reveal v4),
 * until a table read from the chain shows incentive ordered honest > throttled > cheater = 0
 * from weights the chain revealed from the validator's timelocked commits (issues 8, 16).
 */
describe('pog demo', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a scores table with evidence: honest > throttled incentive, cheater failed at 0, from timelocked weights the chain revealed', async () => {
    const lines: string[] = [];
    const result = await runDemo({ dataDir: dir, port: 0, blockTimeMs: 250, tempo: 8, untilScores: true, scoresTimeoutMs: 100_000, dashboardPort: null, print: (t) => lines.push(t) });
    const text = lines.join('\n');
    expect(result.table).not.toBeNull();
    const table = result.table!;
    const row = (uid: number) => table.rows.find((r) => r.uid === uid)!;
    const [honest, throttled, cheater] = [row(result.uids.honest), row(result.uids.throttled), row(result.uids.cheater)];
    expect(table.validators[0]!.evidence.status).toBe('ok');
    expect(honest.measurements[0]).toMatchObject({ outcome: 'passed', class: 'CPU' });
    expect(honest.measurements[0]!.tflops).toBeGreaterThan(0);
    expect(throttled.measurements[0]!.tflops).toBeLessThan(honest.measurements[0]!.tflops);
    expect(cheater.measurements[0]).toMatchObject({ outcome: 'failed', code: 'row-mismatch' });
    expect(honest.incentive).toBeGreaterThan(throttled.incentive);
    expect(throttled.incentive).toBeGreaterThan(0);
    expect(cheater.incentive).toBe(0);
    expect(honest.weights[0]!.value).toBeGreaterThan(0);
    expect(text).toMatch(/TFLOP\/s/);
    expect(text).toMatch(/FAIL row-mismatch/);
    expect(text).toMatch(/» stopping/);
    // the weights behind that incentive: a timelocked commit the chain revealed, and no weights set directly
    expect(result.weightsPath).toBe('commit_timelocked');
    expect(result.ordered).toBe(true);
    expect(result.reveal).not.toBeNull();
    expect(result.reveal!.commit).not.toBeNull();
    expect(result.reveal!.revealBlock).toBeGreaterThan(result.reveal!.commit!.block);
    expect(result.reveal!.revealBlock).toBeLessThanOrEqual(table.block);
    expect(result.directWeightSets).toEqual([]);
    expect(text).toMatch(/commit-reveal v4 is on/);
    expect(text).toContain(`weights committed timelocked for round ${result.reveal!.commit!.revealRound} (block #${result.reveal!.commit!.block}), revealed at block #${result.reveal!.revealBlock}`);
    expect(text).toMatch(/✓ incentive ordered honest > throttled > cheater = 0/);
  }, 120_000);
});
