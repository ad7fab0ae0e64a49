import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metagraph } from '../../src/chain';
import { validatorDirectory } from '../../src/gateway/dispatch/validator-directory';
import { eligibleMiners } from '../../src/gateway/scheduling/eligible-miners';
import { emptyState, ScoreStore, type MinerRecord } from '../../src/validator';

function record(uid: number, hotkey: string, passed: boolean): MinerRecord {
  const last = { uid, hotkey, outcome: passed ? ('passed' as const) : ('failed' as const), passed, code: passed ? 'ok' : 'wrong_root', reason: '', tflops: 900, class: 'H100-SXM', root: null, challengeId: 'c', rttMs: 1, elapsedMs: 10, attempts: 1, verifyMs: 1 };
  return { hotkey, score: 1, reliability: 1, rounds: 1, passes: passed ? 1 : 0, lastFailureRound: passed ? null : 1, last, lastFailure: null };
}

const axon = (ip: string, port: number) => ({ ip, port, version: 1, ipType: 4, protocol: 0, block: 1 });

describe('the miner directory from the validator state and the metagraph', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-gw-dir-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('serving miners that passed their last PoG round are routable; the validator, silent axons and failed miners are not; readings are cached and a failed one keeps the last', async () => {
    const store = ScoreStore.open(dir, 7, 'hk-validator');
    store.commit({ ...emptyState(7, 'hk-validator'), miners: { '1': record(1, 'hk-a', true), '2': record(2, 'hk-b', true), '3': record(3, 'hk-c', false) } });
    let calls = 0;
    let fail = false;
    const metagraph = async () => {
      calls++;
      if (fail) throw new Error('chain down');
      return { hotkeys: ['hk-validator', 'hk-a', 'hk-b', 'hk-c'], axons: [axon('10.0.0.1', 1), axon('10.0.0.2', 8091), axon('0.0.0.0', 0), axon('10.0.0.4', 8091)] } as unknown as Metagraph;
    };
    let clock = 0;
    const directory = validatorDirectory({ stateDir: dir, netuid: 7, hotkey: 'hk-validator', metagraph, capacity: 3, refreshMs: 1000, now: () => clock });
    const snap = await directory.snapshot();
    expect(snap.miners).toEqual([
      { uid: 1, hotkey: 'hk-a', url: 'http://10.0.0.2:8091', serving: true, capacity: 3 },
      { uid: 3, hotkey: 'hk-c', url: 'http://10.0.0.4:8091', serving: true, capacity: 3 },
    ]);
    const views = snap.miners.map((m) => ({ uid: m.uid, hotkey: m.hotkey, serving: m.serving, freeSlots: 1, jobOutcomes: [] }));
    expect(eligibleMiners(snap.state, views, { minClass: 'A100-80GB' }).map((m) => m.hotkey)).toEqual(['hk-a']);
    await directory.snapshot();
    expect(calls).toBe(1);
    clock = 5000;
    fail = true;
    expect((await directory.snapshot()).miners).toHaveLength(2);
    expect(calls).toBe(2);

    const other = validatorDirectory({ stateDir: dir, netuid: 7, hotkey: 'hk-someone-else', metagraph: async () => ({ hotkeys: ['hk-a'], axons: [axon('10.0.0.2', 8091)] }) as unknown as Metagraph });
    const s2 = await other.snapshot();
    expect(eligibleMiners(s2.state, s2.miners.map((m) => ({ uid: m.uid, hotkey: m.hotkey, serving: true, freeSlots: 1, jobOutcomes: [] })), { minClass: 'CPU' })).toEqual([]);
  });
});
