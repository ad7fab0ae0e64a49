import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (f) Yuma3 bond EMA over two epochs, α = 1 − 900 000/1e6 = 0.1, bonds penalty 1 (W_b = W̄).
// Yuma3 stores bonds as proportions: u16 b means b/65535.
//
// uid 0: V0, stake 60; uid 1: V1, stake 40 ⇒ S = [0.6, 0.4]. uids 2, 3: miners.
//
// Epoch 1: both weight miner 2 only ⇒ W̄ = W, C_2 = 1, I = [0, 0, 1, 0].
//   B = 0.1·1 = 0.1 for both ⇒ floor(6553.5) = 6553.
//   B̂ (column-normalized) = [0.5, 0.5]; D ∝ [0.5·0.6, 0.5·0.4] ⇒ D = [0.6, 0.4]
//   ⇒ [39321, 26214].
//
// Epoch 2: V0 keeps miner 2, V1 moves to miner 3; stored bonds from epoch 1 are read back.
//   column 2: w = 1 has stake 0.6 ≥ κ ⇒ C_2 = 1; column 3: w = 1 has stake 0.4 < κ ⇒ C_3 = 0
//   ⇒ W̄: V0 {2: 1}, V1 {} ⇒ I = [0, 0, 1, 0], trust [65535, 0].
//   In u16 units (×65535):
//     B_02 = 0.1·1·65535 + 0.9·6553 = 6553.5 + 5897.7 = 12451.2 ⇒ 12451
//     B_12 = 0.1·0         + 0.9·6553 =          5897.7 ⇒ 5897
//   D ∝ [0.6·12451.2, 0.4·5897.7] = [7470.72, 2359.08] (ratios unchanged ×10: [747072, 235908], Σ 982980)
//     D_0 = 65535·747072/982980 = 48959363520/982980 = 49807.08 ⇒ 49807
//     D_1 = 65535·235908/982980 = 15460230780/982980 = 15727.92 ⇒ 15727
describe('epoch: Yuma3 bond EMA', () => {
  const stake = [60n, 40n, 0n, 0n];
  const first = runEpoch(epochInput(4, { stake, weights: [[[2, 65535]], [[2, 65535]], [], []] }));
  const second = runEpoch(epochInput(4, { stake, weights: [[[2, 65535]], [[3, 65535]], [], []], bonds: first.bonds }));

  it('bonds α of the clipped weight in the first epoch', () => {
    expect(first.incentive).toEqual([0, 0, 65535, 0]);
    expect(first.bonds).toEqual([[[2, 6553]], [[2, 6553]], [], []]);
    expect(first.dividends).toEqual([39321, 26214, 0, 0]);
  });

  it('blends the stored bonds with the new clipped weights in the second', () => {
    expect(second.consensus).toEqual([0, 0, 65535, 0]);
    expect(second.validatorTrust).toEqual([65535, 0, 0, 0]);
    expect(second.bonds).toEqual([[[2, 12451]], [[2, 5897]], [], []]);
    expect(second.dividends).toEqual([49807, 15727, 0, 0]);
  });
});
