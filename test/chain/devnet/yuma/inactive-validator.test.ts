import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (d) A validator whose last update is older than the activity cutoff contributes nothing.
//
// currentBlock 1000, activityCutoffBlocks 500: active ⇔ lastUpdate + 500 ≥ 1000.
// uid 0: validator, stake 60, last update 1000 ⇒ active
// uid 1: validator, stake 40, last update 100  ⇒ 600 < 1000, inactive
// uid 2: miner, last update 1000 ⇒ active; uid 3: miner, 499 ⇒ 999 < 1000, inactive;
// uid 4: miner, 500 ⇒ 1000 ≥ 1000, active (the boundary).
// V0 weights {2: 65535}; V1 weights {3: 65535}.
// S = [0.6, 0.4] ⇒ stake weight floor(0.6·65535) = 39321, floor(0.4·65535) = 26214.
// Active stake: V1 masked ⇒ [1, 0, 0, 0, 0]; only V0 votes.
//   C = [0, 0, 1, 0, 0] ⇒ [0, 0, 65535, 0, 0]
//   W̄: V0 {2: 1}; V1 {3: min(1, C_3 = 0)} = {} ⇒ trust [65535, 0, …]
//   R_2 = 1·1 ⇒ I = [0, 0, 65535, 0, 0]: miner 3 gets nothing from V1.
// Bonds (Yuma3): V0 {2: 0.1} ⇒ 6553 (floor 6553.5); V1 {} (it still holds a permit).
// Dividends: only V0 has active stake ⇒ D = [65535, 0, …].
// Emission: miners 1000 ⇒ uid 2; validators 500 ⇒ uid 0.
describe('epoch: inactive validator', () => {
  const input = epochInput(5, {
    activityCutoffBlocks: 500,
    stake: [60n, 40n, 0n, 0n, 0n],
    lastUpdate: [1000, 100, 1000, 499, 500],
    weights: [[[2, 65535]], [[3, 65535]], [], [], []],
    minerEmission: 1000n,
    validatorEmission: 500n,
  });
  const out = runEpoch(input);

  it('marks activity by the cutoff, inclusive', () => {
    expect(out.active).toEqual([true, false, true, false, true]);
  });

  it('leaves consensus and incentive to the active validator', () => {
    expect(out.stakeWeight).toEqual([39321, 26214, 0, 0, 0]);
    expect(out.consensus).toEqual([0, 0, 65535, 0, 0]);
    expect(out.validatorTrust).toEqual([65535, 0, 0, 0, 0]);
    expect(out.incentive).toEqual([0, 0, 65535, 0, 0]);
  });

  it('gives the inactive validator no dividends and no emission', () => {
    expect(out.validatorPermit).toEqual([true, true, false, false, false]);
    expect(out.bonds).toEqual([[[2, 6553]], [], [], [], []]);
    expect(out.dividends).toEqual([65535, 0, 0, 0, 0]);
    expect(out.emission).toEqual([500n, 0n, 1000n, 0n, 0n]);
    expect(out.undistributed).toBe(0n);
  });

  it('gives the same result as if the inactive validator had set no weights', () => {
    const silent = runEpoch({ ...input, weights: [[[2, 65535]], [], [], [], []] });
    expect(silent.incentive).toEqual(out.incentive);
    expect(silent.dividends).toEqual(out.dividends);
    expect(silent.emission).toEqual(out.emission);
  });
});
