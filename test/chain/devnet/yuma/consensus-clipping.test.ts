import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (b) A minority validator overweights one miner and is clipped to the median.
//
// uid 0: validator, stake 70; uid 1: validator, stake 30 ⇒ S = [0.7, 0.3]
// uids 2, 3: miners.
//   V0 weights {2: 65535, 3: 65535} ⇒ [0.5, 0.5]
//   V1 weights {2: 65535}           ⇒ [1.0, 0  ]   (selfishly all on miner 2)
// κ = 32767/65535 ≈ 0.4999924: C_j is the largest w with stake(W_ij ≥ w) ≥ κ.
//   column 2: w = 1.0 has stake 0.3 < κ; w = 0.5 has stake 1.0 ⇒ C_2 = 0.5
//   column 3: w = 0.5 has stake 0.7 ≥ κ                        ⇒ C_3 = 0.5
//   ⇒ consensus u16 floor(32767.5) = 32767 for both.
// Clipped W̄: V0 [0.5, 0.5]; V1 [min(1, 0.5), 0] = [0.5, 0]
//   trust T_0 = 1 ⇒ 65535, T_1 = 0.5 ⇒ 32767.
// Ranks: R_2 = 0.7·0.5 + 0.3·0.5 = 0.5, R_3 = 0.7·0.5 = 0.35, ΣR = 0.85
//   I_2 = 0.5/0.85 = 10/17 ⇒ 65535·10/17 = 38550 exactly
//   I_3 = 0.35/0.85 = 7/17 ⇒ 65535·7/17  = 26985 exactly
//   Unclipped, miner 2 would have had 0.7·0.5 + 0.3·1 = 0.65 of 1.0 ⇒ 42597.
// Dividends (Yuma3, no earlier bonds): B = 0.1·W̄: V0 {2: 0.05, 3: 0.05}, V1 {2: 0.05}
//   column-normalized: column 2 ⇒ [0.5, 0.5], column 3 ⇒ [1, 0]
//   Σ_j B̂_ij·I_j: V0 = 0.5·10/17 + 7/17 = 12/17, V1 = 0.5·10/17 = 5/17
//   D ∝ [12/17·0.7, 5/17·0.3] = [8.4, 1.5]/17 ⇒ D = [28/33, 5/33]
//   ⇒ u16 floor(65535·28/33) = floor(55605.45) = 55605, floor(65535·5/33) = floor(9929.55) = 9929.
describe('epoch: clipping a minority validator', () => {
  const out = runEpoch(
    epochInput(4, {
      stake: [70n, 30n, 0n, 0n],
      weights: [[[2, 65535], [3, 65535]], [[2, 65535]], [], []],
    }),
  );

  it('sets consensus at the stake-weighted median', () => {
    expect(out.consensus).toEqual([0, 0, 32767, 32767]);
  });

  it('cuts the selfish validator’s trust', () => {
    expect(out.validatorTrust).toEqual([65535, 32767, 0, 0]);
  });

  it('bounds the favoured miner’s incentive by consensus', () => {
    expect(out.incentive).toEqual([0, 0, 38550, 26985]);
  });

  it('pays the clipped validator fewer dividends', () => {
    expect(out.dividends).toEqual([55605, 9929, 0, 0]);
  });
});
