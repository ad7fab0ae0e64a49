import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (a) Two validators with equal stake set the same weights on three miners.
//
// uids 0, 1: validators, stake 100 each ⇒ S = [0.5, 0.5, 0, 0, 0]
// uids 2, 3, 4: miners. Both rows: {2: 65534, 3: 32767, 4: 32767}
//   row sum 131068 ⇒ W_i = [0.5, 0.25, 0.25] on uids 2, 3, 4.
// Consensus: every voter scores the same, so the stake-weighted median is that score:
//   C = [0, 0, 0.5, 0.25, 0.25] ⇒ u16 floor(0.5·65535) = floor(32767.5) = 32767,
//                                      floor(0.25·65535) = floor(16383.75) = 16383.
// Clipping changes nothing (W ≤ C), so trust T_i = Σ_j W_ij = 1 ⇒ 65535.
// Ranks R_j = 0.5·W_0j + 0.5·W_1j = W_j, ΣR = 1 ⇒ I = W (the weights, normalized).
// Yuma3 bonds, none before: B = α·W̄ = 0.1·[0.5, 0.25, 0.25] = [0.05, 0.025, 0.025]
//   ⇒ u16 floor(3276.75) = 3276, floor(1638.375) = 1638.
// Column-normalized bonds are 0.5 in each column for each validator, so
//   Σ_j B̂_ij·I_j = 0.5, D_i ∝ 0.5·0.5 ⇒ D = [0.5, 0.5] ⇒ 32767 each.
// Emission: miners 1000 ⇒ [500, 250, 250]; validators 1000 ⇒ [500, 500].
describe('epoch: validators in agreement', () => {
  const out = runEpoch(
    epochInput(5, {
      stake: [100n, 100n, 0n, 0n, 0n],
      weights: [
        [[2, 65534], [3, 32767], [4, 32767]],
        [[2, 65534], [3, 32767], [4, 32767]],
        [],
        [],
        [],
      ],
      minerEmission: 1000n,
      validatorEmission: 1000n,
    }),
  );

  it('takes the common weights as consensus and as incentive', () => {
    expect(out.consensus).toEqual([0, 0, 32767, 16383, 16383]);
    expect(out.incentive).toEqual([0, 0, 32767, 16383, 16383]);
    expect(out.validatorTrust).toEqual([65535, 65535, 0, 0, 0]);
    expect(out.stakeWeight).toEqual([32767, 32767, 0, 0, 0]);
    expect(out.active).toEqual([true, true, true, true, true]);
    expect(out.validatorPermit).toEqual([true, true, false, false, false]);
  });

  it('bonds α·W̄ and splits dividends equally', () => {
    expect(out.bonds).toEqual([
      [[2, 3276], [3, 1638], [4, 1638]],
      [[2, 3276], [3, 1638], [4, 1638]],
      [],
      [],
      [],
    ]);
    expect(out.dividends).toEqual([32767, 32767, 0, 0, 0]);
  });

  it('pays miners by incentive and validators by dividends', () => {
    expect(out.incentiveEmission).toEqual([0n, 0n, 500n, 250n, 250n]);
    expect(out.dividendEmission).toEqual([500n, 500n, 0n, 0n, 0n]);
    expect(out.emission).toEqual([500n, 500n, 500n, 250n, 250n]);
    expect(out.withheldOwnerIncentive).toBe(0n);
    expect(out.undistributed).toBe(0n);
  });
});
