import { randomBytes } from 'node:crypto';
import { generatePool, preset } from '../../../src/pog/workload';

/** Rank of a square matrix by Gaussian elimination with partial pivoting, in float64. */
function rank(values: ArrayLike<number>, n: number): number {
  const a = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => values[i * n + j]!));
  let r = 0;
  for (let col = 0; col < n && r < n; col++) {
    let pivot = r;
    for (let i = r + 1; i < n; i++) if (Math.abs(a[i]![col]!) > Math.abs(a[pivot]![col]!)) pivot = i;
    if (Math.abs(a[pivot]![col]!) < 1e-9) continue;
    [a[r], a[pivot]] = [a[pivot]!, a[r]!];
    for (let i = r + 1; i < n; i++) {
      const f = a[i]![col]! / a[r]![col]!;
      for (let j = col; j < n; j++) a[i]![j]! -= f * a[r]![j]!;
    }
    r++;
  }
  return r;
}

/** Pearson correlation of m[i][j] with m[i+di][j+dj] over every pair inside the matrix. */
function lagCorrelation(m: Float32Array, n: number, di: number, dj: number): { rho: number; count: number } {
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, count = 0;
  for (let i = Math.max(0, -di); i < n - Math.max(0, di); i++) {
    for (let j = Math.max(0, -dj); j < n - Math.max(0, dj); j++) {
      const x = m[i * n + j]!;
      const y = m[(i + di) * n + j + dj]!;
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; count++;
    }
  }
  const cov = sxy / count - (sx / count) * (sy / count);
  return { rho: cov / Math.sqrt((sxx / count - (sx / count) ** 2) * (syy / count - (sy / count) ** 2)), count };
}

describe.each(['fp32', 'fp16'] as const)('generated %s matrices carry no exploitable structure', (datapath) => {
  const n = 256;
  const params = preset('ci', { width: n, poolSize: 2, datapath });
  const pool = generatePool(randomBytes(32), params);
  const first = pool.subarray(0, n * n);
  const second = pool.subarray(n * n, 2 * n * n);

  it('is full rank (no low-rank shortcut)', () => {
    expect(rank(first, n)).toBe(n);
    expect(rank(second, n)).toBe(n);
  });

  // Hankel (i+j), Toeplitz (i−j) and shifted copies would show as lag correlations near ±1;
  // independent entries give |ρ| of order 1/√count (about 0.004 here), so 0.02 is 5σ.
  it.each([
    ['row shift', 0, 1],
    ['column shift', 1, 0],
    ['diagonal (Toeplitz)', 1, 1],
    ['anti-diagonal (Hankel)', 1, -1],
    ['long diagonal', 7, 7],
  ])('has no %s correlation', (_name, di, dj) => {
    const { rho, count } = lagCorrelation(first, n, di, dj);
    expect(count).toBeGreaterThan(60000);
    expect(Math.abs(rho)).toBeLessThan(0.02);
  });

  it('is uncorrelated across pool matrices and uniform in [-1, 1)', () => {
    let sxy = 0, sx = 0, sxx = 0;
    for (let i = 0; i < n * n; i++) {
      sxy += first[i]! * second[i]!;
      sx += first[i]!;
      sxx += first[i]! * first[i]!;
    }
    expect(Math.abs(sxy / (n * n)) / (1 / 3)).toBeLessThan(0.02);
    expect(Math.abs(sx / (n * n))).toBeLessThan(0.01);
    expect(sxx / (n * n)).toBeCloseTo(1 / 3, 2);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...first)).toBeLessThan(1);
  });
});
