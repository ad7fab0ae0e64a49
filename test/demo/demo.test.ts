import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/demo';

/** The one-command demo, in-process, to its first table read from the chain (issue 8). */
describe('pog demo', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a scores table with evidence: honest > throttled incentive, cheater failed at 0', async () => {
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
  }, 120_000);
});
