import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (c) Weights set before the target uid's current neuron registered are dropped.
//
// Subtensor masks W_ij when lastUpdate[i] ≤ blockAtRegistration[j] (run_epoch.rs,
// `updated <= registered`), so a weight set in the same block the uid registered is dropped too.
// uid 0: the only validator, stake 100, last update at block 500.
// uid 1 registered at 100 (before), uid 2 at 600 (after), uid 3 at 500 (same block).
// V0 weights {1: 65535, 2: 65535, 3: 65535}.
//   ⇒ only W_01 survives; row-normalized W_0 = {1: 1.0}
//   ⇒ C = I = [0, 1, 0, 0] ⇒ [0, 65535, 0, 0]; trust T_0 = 1 ⇒ 65535.
// Control: had V0 updated at block 700, all three survive at 1/3 each
//   ⇒ I = [0, 1/3, 1/3, 1/3] ⇒ 65535/3 = 21845 each.
//   (Subtensor's I32F32 holds 1/3 a few 2^-32 short and stores 21844; see fixed.ts.)
describe('epoch: outdated weights', () => {
  const base = {
    stake: [100n, 0n, 0n, 0n],
    blockAtRegistration: [0, 100, 600, 500],
    weights: [[[1, 65535], [2, 65535], [3, 65535]], [], [], []] as [number, number][][],
  };

  it('ignores weights to uids registered at or after the validator’s last update', () => {
    const out = runEpoch(epochInput(4, { ...base, lastUpdate: [500, 1000, 1000, 1000] }));
    expect(out.consensus).toEqual([0, 65535, 0, 0]);
    expect(out.incentive).toEqual([0, 65535, 0, 0]);
    expect(out.validatorTrust).toEqual([65535, 0, 0, 0]);
  });

  it('counts the same weights once the validator has updated after the registrations', () => {
    const out = runEpoch(epochInput(4, { ...base, lastUpdate: [700, 1000, 1000, 1000] }));
    expect(out.incentive).toEqual([0, 21845, 21845, 21845]);
  });
});
