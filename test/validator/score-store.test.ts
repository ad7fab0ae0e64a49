import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyResults, emptyState, reconcileWithMetagraph, ScoreStore, StateCorruptError, StateMismatchError, weightsFromState, type MinerResult } from '../../src/validator';

const DIST = join(__dirname, '../../dist/src/validator/index.js');
const opts = { scoreAlpha: 0.5, reliabilityAlpha: 0.1, nowMs: Date.parse('2026-01-01T00:00:00Z') };
const result = (uid: number, hotkey: string, over: Partial<MinerResult> = {}): MinerResult => ({
  uid, hotkey, outcome: 'passed', passed: true, code: 'verified', reason: 'ok', tflops: 0.05, class: 'CPU', root: 'ab'.repeat(32), challengeId: 'cd'.repeat(32), rttMs: 1, elapsedMs: 10, attempts: 1, verifyMs: 5, ...over,
});

describe('the score store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-validator-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps committed scores across a restart, and refuses another subnet or hotkey', () => {
    const store = ScoreStore.open(dir, 1, 'V');
    store.commit(applyResults(store.state, [result(1, 'A'), result(2, 'B', { tflops: 0.025 })], opts));
    const reopened = ScoreStore.open(dir, 1, 'V');
    expect(reopened.state).toEqual(store.state);
    expect(reopened.state.round).toBe(1);
    expect(() => ScoreStore.open(dir, 2, 'V')).toThrow(StateMismatchError);
    expect(() => ScoreStore.open(dir, 1, 'W')).toThrow(StateMismatchError);
  });

  it('refuses a corrupted file rather than starting over silently', () => {
    const store = ScoreStore.open(dir, 1, 'V');
    store.commit(applyResults(store.state, [result(1, 'A')], opts));
    writeFileSync(join(dir, 'state.json'), '{"checksum":"00","body":{}}');
    expect(() => ScoreStore.open(dir, 1, 'V')).toThrow(StateCorruptError);
  });

  it('drops the history of a uid whose hotkey changed or that left; weights skip zeros and the validator itself', () => {
    let state = applyResults(emptyState(1, 'V'), [result(1, 'A'), result(2, 'B'), result(3, 'C', { outcome: 'failed', passed: false, tflops: 0 })], opts);
    expect(weightsFromState(state, ['V', 'A', 'B', 'C'], 0)).toEqual({ uids: [1, 2], weights: [expect.any(Number), expect.any(Number)] });
    const { state: next, reset } = reconcileWithMetagraph(state, ['V', 'A', 'B2']);
    expect(reset.sort()).toEqual([2, 3]);
    state = next;
    expect(Object.keys(state.miners)).toEqual(['1']);
    state = applyResults(state, [result(2, 'B2')], opts);
    expect(state.miners['2']!.rounds).toBe(1);
  });

  it('loses nothing committed when the process is killed with SIGKILL at any moment', async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`);
    const script = `
      const v = require(${JSON.stringify(DIST)});
      const store = v.ScoreStore.open(${JSON.stringify(dir)}, 1, 'V');
      let state = store.state;
      for (;;) {
        state = v.applyResults(state, [{ uid: 1, hotkey: 'A', outcome: 'passed', passed: true, code: 'verified', reason: 'x'.repeat(2000), tflops: 0.05, class: 'CPU', root: null, challengeId: '', rttMs: 1, elapsedMs: 2, attempts: 1, verifyMs: 0 }], { scoreAlpha: 0.5, reliabilityAlpha: 0.1, nowMs: 0 });
        store.commit(state);
        process.stdout.write(state.round + '\\n');
      }`;
    for (let trial = 0; trial < 3; trial++) {
      const before = ScoreStore.read(dir)?.round ?? 0;
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let acknowledged = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        const rounds = chunk.toString().trim().split('\n').map(Number);
        acknowledged = Math.max(acknowledged, ...rounds);
      });
      const deadline = Date.now() + 20_000;
      while (acknowledged <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 30 + 70 * trial)); // then at some moment mid-write
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const state = ScoreStore.read(dir)!;
      expect(acknowledged).toBeGreaterThan(before);
      expect(state.round).toBeGreaterThanOrEqual(acknowledged); // every acknowledged commit survived
      expect(state.miners['1']!.rounds).toBe(state.round);
    }
  }, 60_000);
});
