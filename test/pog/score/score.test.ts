import { InvalidParamsError } from '../../../src/pog/errors';
import { DEFAULT_RELIABILITY_ALPHA, normaliseScores, pogScore, updateReliability } from '../../../src/pog/score';

describe('pogScore', () => {
  it('multiplies throughput, tier and reliability', () => {
    expect(pogScore({ verifiedTflops: 512, tierFactor: 1.25, reliability: 0.75 })).toBe(480);
    expect(pogScore({ verifiedTflops: 600, tierFactor: 1, reliability: 1 })).toBe(600);
    expect(pogScore({ verifiedTflops: 0, tierFactor: 1.1, reliability: 1 })).toBe(0);
    expect(pogScore({ verifiedTflops: 600, tierFactor: 0, reliability: 1 })).toBe(0);
  });

  it('refuses inputs that are negative, non-finite or a reliability above 1', () => {
    const ok = { verifiedTflops: 1, tierFactor: 1, reliability: 1 };
    for (const bad of [
      { verifiedTflops: -1 },
      { verifiedTflops: Number.NaN },
      { verifiedTflops: Number.POSITIVE_INFINITY },
      { tierFactor: -0.5 },
      { reliability: 1.01 },
      { reliability: -0.01 },
      { reliability: '1' as unknown as number },
    ]) {
      expect(() => pogScore({ ...ok, ...bad })).toThrow(InvalidParamsError);
    }
    expect(() => pogScore({ ...ok, reliability: 2 })).toThrow('reliability must be at most 1');
  });
});

describe('updateReliability', () => {
  it('moves toward 1 on a pass and resets to 0 on a failure', () => {
    expect(DEFAULT_RELIABILITY_ALPHA).toBe(0.1);
    expect(updateReliability(0, true)).toBe(0.1);
    expect(updateReliability(0.5, true, 0.25)).toBe(0.625);
    expect(updateReliability(0.5, true, 0.5)).toBe(0.75);
    expect(updateReliability(1, true)).toBe(1);
    expect(updateReliability(0.99, false)).toBe(0);
    expect(updateReliability(0.5, true, 1)).toBe(1);
  });

  it('takes 22 straight passes to climb from 0 past 0.9 at the default α', () => {
    let r = 0;
    let passes = 0;
    while (r < 0.9) {
      r = updateReliability(r, true);
      passes++;
    }
    expect(passes).toBe(22);
    expect(r).toBeCloseTo(1 - 0.9 ** 22, 12);
  });

  it('refuses out-of-range state and weights', () => {
    expect(() => updateReliability(1.5, true)).toThrow(InvalidParamsError);
    expect(() => updateReliability(-0.1, true)).toThrow(InvalidParamsError);
    expect(() => updateReliability(0.5, true, 0)).toThrow(InvalidParamsError);
    expect(() => updateReliability(0.5, true, 1.1)).toThrow(InvalidParamsError);
  });
});

describe('normaliseScores', () => {
  it('scales scores to sum to 1', () => {
    expect(normaliseScores([1, 3, 4])).toEqual([0.125, 0.375, 0.5]);
    expect(normaliseScores([0, 480, 0])).toEqual([0, 1, 0]);
    expect(normaliseScores([2.5])).toEqual([1]);
  });

  it('gives all zeros for all-zero or empty scores', () => {
    expect(normaliseScores([0, 0, 0])).toEqual([0, 0, 0]);
    expect(normaliseScores([])).toEqual([]);
  });

  it('refuses negative, non-finite and overflowing scores', () => {
    expect(() => normaliseScores([1, -1])).toThrow('scores[1] must be a finite non-negative number');
    expect(() => normaliseScores([Number.NaN])).toThrow(InvalidParamsError);
    expect(() => normaliseScores([Number.MAX_VALUE, Number.MAX_VALUE])).toThrow(InvalidParamsError);
  });
});
