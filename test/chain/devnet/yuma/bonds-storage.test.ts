import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// Which stored bonds survive into the EMA (Yuma3, α = 0.1).
//
// uid 0: the only validator, stake 100, weights {1: 65535}; stored bonds {1: 30000, 2: 30000}.
// uid 1 registered at block 0; uid 2 at block 995 (a new neuron on a reused uid).
// Bonds to uid j are dropped when lastTempo ≤ blockAtRegistration[j], where lastTempo is
// lastEpochBlock + 1, or currentBlock − tempo without a previous epoch (run_epoch.rs).
//   B_01 = 0.1·65535 + 0.9·30000 = 6553.5 + 27000 = 33553.5 ⇒ 33553
//   B_02 = 0.9·30000 = 27000 if kept, gone if dropped.
describe('epoch: stored bonds', () => {
  const base = {
    stake: [100n, 0n, 0n],
    blockAtRegistration: [0, 0, 995],
    weights: [[[1, 65535]], [], []] as [number, number][][],
    bonds: [[[1, 30000], [2, 30000]], [], []] as [number, number][][],
  };

  it('drops bonds to a uid registered since the last epoch', () => {
    // lastTempo = 990 + 1 = 991 ≤ 995
    expect(runEpoch(epochInput(3, { ...base, lastEpochBlock: 990 })).bonds[0]).toEqual([[1, 33553]]);
  });

  it('keeps bonds to a uid registered before the last epoch', () => {
    // lastTempo = 995 + 1 = 996 > 995
    expect(runEpoch(epochInput(3, { ...base, lastEpochBlock: 995 })).bonds[0]).toEqual([
      [1, 33553],
      [2, 27000],
    ]);
  });

  it('falls back to currentBlock − tempo without a previous epoch', () => {
    // lastTempo = 1000 − 10 = 990 ≤ 995 ⇒ dropped; tempo 4 ⇒ 996 > 995 ⇒ kept.
    expect(runEpoch(epochInput(3, { ...base, tempo: 10 })).bonds[0]).toEqual([[1, 33553]]);
    expect(runEpoch(epochInput(3, { ...base, tempo: 4 })).bonds[0]).toHaveLength(2);
  });

  it('stores an empty row for a uid without a new permit', () => {
    // uid 1 holds stored bonds but no stake ⇒ no permit ⇒ its row is cleared.
    const out = runEpoch(epochInput(3, { ...base, bonds: [[], [[2, 40000]], []] }));
    expect(out.validatorPermit).toEqual([true, false, false]);
    expect(out.bonds).toEqual([[[1, 6553]], [], []]);
  });
});
