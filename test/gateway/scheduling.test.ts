import { eligibleMiners, type MinerView } from '../../src/gateway/scheduling/eligible-miners';
import { emptyState, type MinerRecord, type ValidatorState } from '../../src/validator';

function record(hotkey: string, cls: string | null, outcome: 'passed' | 'failed' | 'unavailable'): MinerRecord {
  const last = { uid: 0, hotkey, outcome, passed: outcome === 'passed', code: outcome === 'passed' ? 'ok' : 'wrong_root', reason: '', tflops: 50, class: cls, root: null, challengeId: 'c', rttMs: 1, elapsedMs: 10, attempts: 1, verifyMs: 1 };
  return { hotkey, score: 1, reliability: 1, rounds: 3, passes: 3, lastFailureRound: null, last, lastFailure: null };
}

describe('scheduling (seed 004) over the validator score state', () => {
  const state: ValidatorState = {
    ...emptyState(1, '5Validator'),
    miners: {
      '1': record('hk1', 'H100-SXM', 'passed'),
      '2': record('hk2', 'RTX-4090', 'passed'),
      '3': record('hk3', 'H100-SXM', 'failed'),
      '4': record('hk4', 'A100-80GB', 'passed'),
      '5': record('hk5', 'H200', 'passed'),
      '6': record('old-hotkey', 'H200', 'passed'),
      '7': record('hk7', 'H100-PCIe', 'passed'),
    },
  };
  const view = (uid: number, hotkey: string, outcomes: boolean[], extra: Partial<MinerView> = {}): MinerView => ({ uid, hotkey, serving: true, freeSlots: 1, jobOutcomes: outcomes, ...extra });
  const miners = [
    view(1, 'hk1', [true, true, false, true]), // 0.75
    view(2, 'hk2', [true]), // class too low for A100 jobs
    view(3, 'hk3', [true, true]), // failed its last PoG round
    view(4, 'hk4', [true, true, true]), // 1.0, 3 jobs
    view(5, 'hk5', [true, true, true, true, true]), // 1.0, 5 jobs
    view(6, 'hk6-new-owner', [true]), // uid re-registered: the record is for another hotkey
    view(7, 'hk7', [true], { freeSlots: 0 }), // busy
    view(8, 'hk8', []), // never measured
  ];

  test('filters on serving, last PoG pass, class and capacity; orders by reputation, ties by jobs completed', () => {
    const ranked = eligibleMiners(state, miners, { minClass: 'A100-80GB' });
    expect(ranked.map((m) => m.hotkey)).toEqual(['hk5', 'hk4', 'hk1']);
    expect(ranked[2]).toMatchObject({ reputation: 0.75, jobsCompleted: 4, class: 'H100-SXM' });
  });

  test('a retry excludes the miners already tried; a cheater with failed validations drops behind; not serving is not eligible', () => {
    expect(eligibleMiners(state, miners, { minClass: 'A100-80GB', exclude: new Set(['hk5']) }).map((m) => m.hotkey)).toEqual(['hk4', 'hk1']);
    const cheating = miners.map((m) => (m.hotkey === 'hk5' ? { ...m, jobOutcomes: [true, false, true, true, false] } : m));
    expect(eligibleMiners(state, cheating, { minClass: 'A100-80GB', window: 5 }).map((m) => m.hotkey)).toEqual(['hk4', 'hk1', 'hk5']);
    const offline = miners.map((m) => (m.hotkey === 'hk4' ? { ...m, serving: false } : m));
    expect(eligibleMiners(state, offline, { minClass: 'A100-80GB' }).map((m) => m.hotkey)).toEqual(['hk5', 'hk1']);
    expect(eligibleMiners(state, miners, { minClass: 'B200' })).toEqual([]);
  });
});
