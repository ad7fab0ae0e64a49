import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (f) Classic Yuma (yuma3: false) over the same two epochs as bonds-yuma3.test.ts.
// ΔB = W̄ ◦ S column-normalized; B = colnorm(α·ΔB + (1 − α)·colnorm(B_prev)), α = 0.1;
// D = normalize(B·I); B is stored column max-upscaled (each column's largest = 65535).
//
// uid 0: V0, stake 60; uid 1: V1, stake 40. uids 2, 3: miners.
//
// Epoch 1: both weight miner 2 ⇒ I = [0, 0, 1, 0].
//   ΔB column 2 = [0.6, 0.4]; B = colnorm(0.1·[0.6, 0.4]) = [0.6, 0.4]
//   D = [0.6, 0.4] ⇒ [39321, 26214]
//   stored: column max-upscaled [1, 0.4/0.6 = 2/3] ⇒ [65535, 43690].
//
// Epoch 2: V1 moves to miner 3 ⇒ C_3 = 0, W̄: V0 {2: 1}, V1 {} ⇒ I = [0, 0, 1, 0].
//   B_prev column 2 = [65535, 43690]/109225 = [0.6, 0.4]
//   ΔB column 2 = colnorm([0.6·1, 0]) = [1, 0]
//   B = [0.1·1 + 0.9·0.6, 0.9·0.4] = [0.64, 0.36] (already sums to 1)
//   D = [0.64, 0.36] ⇒ floor(41942.4) = 41942, floor(23592.6) = 23592
//   stored: [1, 0.36/0.64 = 0.5625] ⇒ [65535, floor(36863.44) = 36863].
describe('epoch: classic Yuma bond EMA', () => {
  const stake = [60n, 40n, 0n, 0n];
  const first = runEpoch(epochInput(4, { yuma3: false, stake, weights: [[[2, 65535]], [[2, 65535]], [], []] }));
  const second = runEpoch(
    epochInput(4, { yuma3: false, stake, weights: [[[2, 65535]], [[3, 65535]], [], []], bonds: first.bonds }),
  );

  it('bonds by stake share and stores column max-upscaled bonds', () => {
    expect(first.dividends).toEqual([39321, 26214, 0, 0]);
    expect(first.bonds).toEqual([[[2, 65535]], [[2, 43690]], [], []]);
  });

  it('decays the departed validator’s bond in the second epoch', () => {
    expect(second.incentive).toEqual([0, 0, 65535, 0]);
    expect(second.dividends).toEqual([41942, 23592, 0, 0]);
    expect(second.bonds).toEqual([[[2, 65535]], [[2, 36863]], [], []]);
  });
});
