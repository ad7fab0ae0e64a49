import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../dist/src/cli/main.js');

interface ScoresJson {
  rows: { uid: number; hotkey: string; incentive: number | string; measurements: { outcome: string; tflops: number | null }[] }[];
}

/** Runs `pog demo` (what `npm start` runs) as a user would, until `until` matches its output. */
function startDemo(dataDir: string, extra: string[], until: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [CLI, 'demo', '--data-dir', dataDir, '--port', '0', '--dashboard-port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no match for ${until} in time:\n${out}`)), 150_000);
    const check = () => {
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      check();
      clearTimeout(timer);
      if (!until.test(out)) reject(new Error(`pog demo exited with ${code}:\n${out}`));
    });
  });
}

describe('pog demo, as a new user runs it', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), 'pog-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints progress, then the scores from the chain ordered honest > throttled > cheater from timelocked weights the chain revealed, serves the dashboard, and stops cleanly on Ctrl-C', async () => {
    // the first table whose incentive the demo checked as ordered (on commit-reveal v4: from weights the chain revealed)
    const { child, output } = await startDemo(dir, [], /✓ incentive ordered[^\n]*\n+dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const text = output();
    expect(text).toContain('» starting the dev chain');
    expect(text).toContain('» starting the validator');
    expect(text).toMatch(/commit-reveal v4 is on/);
    expect(text).toMatch(/weights committed timelocked for round \d+ \(block #\d+\), revealed at block #\d+/);
    const endpoint = /chain at (ws:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
    const dashboard = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text)![1]!;

    // `pog scores` reads the same table from the chain alone.
    const scores = spawnSync(process.execPath, [CLI, 'scores', '--chain', endpoint, '--netuid', '1', '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(scores.status).toBe(0);
    const table = JSON.parse(scores.stdout) as ScoresJson;
    const incentive = (uid: number) => Number(table.rows.find((r) => r.uid === uid)!.incentive);
    const [honest, throttled, cheater] = [1, 2, 3];
    expect(incentive(honest)).toBeGreaterThan(incentive(throttled));
    expect(incentive(throttled)).toBeGreaterThan(0);
    expect(incentive(cheater)).toBe(0);
    expect(table.rows.find((r) => r.uid === cheater)!.measurements[0]!.outcome).not.toBe('passed');

    const snapshot = (await (await fetch(`${dashboard}api/snapshot`)).json()) as { miners: unknown[] };
    expect(snapshot.miners.length).toBeGreaterThanOrEqual(3);

    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 180_000);

  it('a second run reuses the chain and subnet in the data directory', async () => {
    const { child, output } = await startDemo(dir, ['--until-scores'], /uid\s+hotkey/);
    await new Promise((r) => child.once('exit', r));
    expect(child.exitCode).toBe(0);
    expect(output()).toMatch(/subnet 1/);
    expect(output()).toMatch(/✓ incentive ordered honest > throttled > cheater = 0/);
  }, 180_000);
});
