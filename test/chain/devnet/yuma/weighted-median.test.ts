import { U16_MAX, weightedMedian } from '../../../../src/chain/devnet/yuma';

// weightedMedian(stake, score, κ): the largest score w with stake(score ≥ w) ≥ κ.
describe('epoch: stake-weighted median', () => {
  const quarter = [0.25, 0.25, 0.25, 0.25];
  const scores = [0.4, 0.1, 0.3, 0.2];

  it('finds the κ-majority score', () => {
    // stake(≥ 0.3) = 0.5 ≥ 0.5, stake(≥ 0.4) = 0.25 < 0.5 ⇒ 0.3
    expect(weightedMedian(quarter, scores, 0.5)).toBe(0.3);
    // κ = 32767/65535 just below 0.5: same answer
    expect(weightedMedian(quarter, scores, 32767 / U16_MAX)).toBe(0.3);
    // κ = 0.51: stake(≥ 0.3) = 0.5 < 0.51, stake(≥ 0.2) = 0.75 ⇒ 0.2
    expect(weightedMedian(quarter, scores, 0.51)).toBe(0.2);
  });

  it('weights by stake, not by count', () => {
    // stake(≥ 1.0) = 0.3 < κ, stake(≥ 0.5) = 1.0 ⇒ 0.5
    expect(weightedMedian([0.7, 0.3], [0.5, 1.0], 32767 / U16_MAX)).toBe(0.5);
    // stake(≥ 1.0) = 0.7 ≥ κ ⇒ 1.0
    expect(weightedMedian([0.3, 0.7], [0.5, 1.0], 32767 / U16_MAX)).toBe(1.0);
  });

  it('groups tied scores', () => {
    // stake(≥ 0.5) = 0.6 ≥ 0.5 ⇒ 0.5
    expect(weightedMedian([0.3, 0.3, 0.4], [0.5, 0.5, 0.2], 0.5)).toBe(0.5);
  });

  it('returns the maximum at κ = 0, the minimum at κ = 1, and 0 without voters', () => {
    expect(weightedMedian(quarter, scores, 0)).toBe(0.4);
    expect(weightedMedian(quarter, scores, 1)).toBe(0.1);
    expect(weightedMedian([], [], 0.5)).toBe(0);
  });
});
