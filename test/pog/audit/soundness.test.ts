import { InvalidParamsError } from '../../../src/pog/errors';
import { auditRowsFor, hypergeometricPassProbability, passProbability, passProbabilityExact } from '../../../src/pog/audit';

/** C(N−F, k)/C(N, k) by a plain running product, independent of the log-space code. */
function directProduct(N: number, F: number, k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= (N - F - i) / (N - i);
  return Math.max(p, 0);
}

describe('passProbability', () => {
  it('is (1 − f)^k', () => {
    expect(passProbability(0.1, 64)).toBeCloseTo(0.00118, 5);
    expect(passProbability(0.1, 64)).toBe(0.9 ** 64);
    expect(passProbability(0.5, 3)).toBe(0.125);
    expect(passProbability(0, 64)).toBe(1);
    expect(passProbability(1, 1)).toBe(0);
  });

  it('refuses fractions outside [0, 1] and bad k', () => {
    expect(() => passProbability(-0.1, 1)).toThrow(InvalidParamsError);
    expect(() => passProbability(1.1, 1)).toThrow(InvalidParamsError);
    expect(() => passProbability(Number.NaN, 1)).toThrow(InvalidParamsError);
    expect(() => passProbability(0.1, 1.5)).toThrow(InvalidParamsError);
  });
});

describe('hypergeometric pass probability', () => {
  it('matches small exact cases', () => {
    expect(hypergeometricPassProbability(10, 2, 3)).toBeCloseTo(56 / 120, 14);
    expect(hypergeometricPassProbability(10, 0, 10)).toBeCloseTo(1, 14);
    expect(hypergeometricPassProbability(10, 8, 3)).toBe(0);
    expect(hypergeometricPassProbability(10, 3, 0)).toBe(1);
  });

  it('matches the direct product and stays below the with-replacement bound', () => {
    const exact = passProbabilityExact(0.1, 64, 1024);
    expect(exact).toBeCloseTo(directProduct(1024, 103, 64), 15);
    expect(exact / directProduct(1024, 103, 64)).toBeCloseTo(1, 12);
    expect(exact).toBeLessThan(passProbability(0.1, 64));
    // At GPU scale the two agree to well under 1%.
    expect(passProbabilityExact(0.1, 64, 1 << 20) / passProbability(0.1, 64)).toBeCloseTo(1, 2);
  });

  it('counts ⌈f·N⌉ faked rows', () => {
    expect(passProbabilityExact(0.25, 2, 8)).toBeCloseTo((6 / 8) * (5 / 7), 14);
    expect(passProbabilityExact(0.2, 2, 8)).toBeCloseTo((6 / 8) * (5 / 7), 14);
    expect(passProbabilityExact(0.3, 1, 10)).toBeCloseTo(0.7, 14);
  });

  it('refuses inconsistent counts', () => {
    expect(() => hypergeometricPassProbability(10, 11, 1)).toThrow(InvalidParamsError);
    expect(() => hypergeometricPassProbability(10, 1, 11)).toThrow(InvalidParamsError);
    expect(() => hypergeometricPassProbability(0, 0, 0)).toThrow(InvalidParamsError);
  });
});

describe('auditRowsFor', () => {
  it('gives the minimal k', () => {
    expect(auditRowsFor(0.1, 0.002)).toBe(59);
    expect(passProbability(0.1, 58)).toBeGreaterThan(0.002);
    expect(passProbability(0.1, 59)).toBeLessThanOrEqual(0.002);
    expect(auditRowsFor(0.5, 0.25)).toBe(2);
    expect(auditRowsFor(0.5, 0.25 - 1e-12)).toBe(3);
    expect(auditRowsFor(1, 0.5)).toBe(1);
    expect(auditRowsFor(0.9, 0.5)).toBe(1);
  });

  it('uses the exact finite-N probability when given totalRows', () => {
    const N = 256;
    let brute = 1;
    while (directProduct(N, Math.ceil(0.1 * N), brute) > 0.002) brute++;
    expect(auditRowsFor(0.1, 0.002, N)).toBe(brute);
    expect(brute).toBeLessThan(59);
    expect(auditRowsFor(0.5, 0.01, 4)).toBe(3);
  });

  it('refuses unreachable or malformed targets', () => {
    expect(() => auditRowsFor(0, 0.1)).toThrow(InvalidParamsError);
    expect(() => auditRowsFor(0.1, 0)).toThrow(InvalidParamsError);
    expect(() => auditRowsFor(0.1, 1)).toThrow(InvalidParamsError);
    expect(() => auditRowsFor(1e-12, 0.1, 16)).toThrow(InvalidParamsError);
  });
});
