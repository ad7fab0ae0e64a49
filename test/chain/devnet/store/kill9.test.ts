import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { openChainStore } from '../../../../src/chain/devnet/store';
import { useTempDirs } from './helpers';

/**
 * kill -9 at random moments: a child process (fixtures/writer.js, on the compiled store in
 * dist/) appends numbered records and writes snapshots as fast as it can, acknowledging each
 * on stdout once the call has returned; after each SIGKILL the store is reopened here and must
 * hold every acknowledged record, as a gap-free prefix with nothing duplicated, and a snapshot
 * at least as recent as the last acknowledged one. The seed (POG_STORE_KILL_SEED) reproduces a
 * failing schedule.
 */

interface Payloads {
  recordPayload(n: number): Buffer;
  snapshotPayload(n: number): Buffer;
  snapshotCount(snapshot: Uint8Array): number;
}
const payloads = require('./fixtures/payloads.js') as Payloads;

const ROOT = resolve(__dirname, '../../../..');
const STORE_JS = join(ROOT, 'dist/src/chain/devnet/store/index.js');
const WRITER_JS = join(__dirname, 'fixtures/writer.js');
const ITERATIONS = 15;
const SNAPSHOT_EVERY = 25;
const SEED = Number(process.env.POG_STORE_KILL_SEED ?? 0x5eed5);

const tempDir = useTempDirs();

/** Compiles the project when the store is missing from dist/ or older than its sources. */
function ensureCompiledStore(): void {
  const sources = fs.readdirSync(join(ROOT, 'src/chain/devnet/store')).map((f) => join(ROOT, 'src/chain/devnet/store', f));
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (fs.existsSync(STORE_JS) && fs.statSync(STORE_JS).mtimeMs >= newest) return;
  // Type errors elsewhere in the tree still emit; only the store's output matters here.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
  if (!fs.existsSync(STORE_JS)) throw new Error(`could not build ${STORE_JS}: run npm run build`);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  readonly acked: number[];
  readonly snapshotsAcked: number[];
  readonly ready: number | null;
  readonly exit: string;
  readonly stderr: string;
}

/** Starts the writer and SIGKILLs it `delayMs` after it is ready (or after spawn, if `early`). */
async function runAndKill(dir: string, delayMs: number, early: boolean): Promise<RunResult> {
  const child = spawn(process.execPath, [WRITER_JS, STORE_JS, dir, String(SNAPSHOT_EVERY)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const exited = new Promise<string>((r) => child.on('exit', (code, signal) => r(signal ?? `code ${code}`)));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready ') && stdout.includes('\n')) onReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (!early) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ready, exited, new Promise<void>((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
  }
  await sleep(delayMs);
  child.kill('SIGKILL');
  const exit = await exited; // reaped: its pid is dead when the store is reopened
  const lines = stdout.split('\n').slice(0, -1); // a line cut off by the kill is not an acknowledgement
  const readyLine = lines.find((l) => l.startsWith('ready '));
  return {
    acked: lines.filter((l) => /^\d+$/.test(l)).map(Number),
    snapshotsAcked: lines.filter((l) => l.startsWith('snap ')).map((l) => Number(l.slice(5))),
    ready: readyLine === undefined ? null : Number(readyLine.slice(6)),
    exit,
    stderr,
  };
}

describe('kill -9 at random moments', () => {
  beforeAll(ensureCompiledStore, 120_000);

  it(`loses no acknowledged record and duplicates none (seed ${SEED})`, async () => {
    const dir = join(tempDir(), 'chain');
    const rng = mulberry32(SEED);
    let durable = 0; // records on disk after the previous kill
    let maxAcked = -1;
    let maxSnapshotAcked = 0;
    let kills = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const early = rng() < 0.2; // some kills land during start-up and recovery
      const delay = Math.floor(rng() * (early ? 150 : 400));
      const context = `seed ${SEED}, iteration ${iteration}, ${early ? 'from spawn' : 'after ready'} + ${delay} ms`;
      const run = await runAndKill(dir, delay, early);
      expect({ context, exit: run.exit, stderr: run.stderr }).toEqual({ context, exit: 'SIGKILL', stderr: expect.any(String) });
      kills += 1;
      if (run.ready !== null) expect({ context, resumedAt: run.ready }).toEqual({ context, resumedAt: durable });
      // Acknowledgements are consecutive numbers starting where the writer resumed.
      run.acked.forEach((n, i) => expect({ context, n }).toEqual({ context, n: (run.ready ?? 0) + i }));
      maxAcked = Math.max(maxAcked, ...run.acked);
      maxSnapshotAcked = Math.max(maxSnapshotAcked, ...run.snapshotsAcked);

      const store = openChainStore(dir);
      const { snapshot, records, recovery } = store.recovered;
      const base = snapshot === null ? 0 : payloads.snapshotCount(snapshot);
      if (snapshot !== null) expect({ context, ok: Buffer.from(snapshot).equals(payloads.snapshotPayload(base)) }).toEqual({ context, ok: true });
      records.forEach((record, i) => {
        const ok = Buffer.from(record).equals(payloads.recordPayload(base + i));
        if (!ok) throw new Error(`${context}: record ${i} after snapshot ${base} is not record ${base + i}`);
      });
      const total = base + records.length;
      expect({ context, snapshotCoversAcked: base >= maxSnapshotAcked }).toEqual({ context, snapshotCoversAcked: true });
      expect({ context, allAckedPresent: total > maxAcked }).toEqual({ context, allAckedPresent: true });
      expect({ context, noneLost: total >= durable }).toEqual({ context, noneLost: true });
      // Only the one unacknowledged in-flight record may be torn away, nothing more.
      expect(recovery.truncatedBytes).toBeLessThanOrEqual(12 + 4 + 3000);
      if (process.env.POG_STORE_KILL_VERBOSE) {
        console.log(`${context}: acked ${run.acked.length}, total ${total}, snapshot ${base}, truncated ${recovery.truncatedBytes}, removed ${recovery.removedFiles.join(' ')}`);
      }
      durable = total;
      store.close();
    }
    expect(kills).toBe(ITERATIONS);
    expect(maxAcked).toBeGreaterThan(0);
  });
});
