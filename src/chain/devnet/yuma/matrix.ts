import { proportionToU16 } from './fixed';

/**
 * Dense n × n float64 matrices (row i = validator, column j = neuron), standing in for the
 * sparse I32F32 matrices of subtensor's math.rs. An absent sparse entry is a 0 here; the
 * results are the same because every sparse routine there treats a missing entry as 0.
 */
export type Matrix = number[][];

export type SparseRow = readonly (readonly [number, number])[];

export function zeroMatrix(n: number): Matrix {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

/** Stored sparse rows (uid, u16) to a dense matrix, each value mapped through `scale`. */
export function denseFromSparse(rows: readonly SparseRow[], n: number, scale: (raw: number) => number): Matrix {
  const m = zeroMatrix(n);
  rows.forEach((sparse, i) => {
    const row = m[i];
    if (row === undefined) return;
    for (const [j, raw] of sparse) row[j] = scale(raw);
  });
  return m;
}

/** Each row divided by its sum; zero rows stay zero (`inplace_row_normalize_sparse`). */
export function rowNormalize(m: Matrix): Matrix {
  return m.map((row) => {
    let total = 0;
    for (const v of row) total += v;
    return total > 0 ? row.map((v) => v / total) : [...row];
  });
}

function columnReduce(m: Matrix, init: number, f: (acc: number, v: number) => number): number[] {
  const n = m[0]?.length ?? 0;
  const acc = new Array<number>(n).fill(init);
  for (const row of m) row.forEach((v, j) => (acc[j] = f(acc[j] ?? init, v)));
  return acc;
}

/** Each column divided by its sum; zero columns stay zero (`inplace_col_normalize_sparse`). */
export function colNormalize(m: Matrix): Matrix {
  const sums = columnReduce(m, 0, (a, v) => a + v);
  return m.map((row) => row.map((v, j) => (sums[j] ? v / (sums[j] ?? 1) : v)));
}

/** Each column divided by its maximum, so the largest entry becomes 1 (`inplace_col_max_upscale_sparse`). */
export function colMaxUpscale(m: Matrix): Matrix {
  const maxima = columnReduce(m, 0, (a, v) => (v > a ? v : a));
  return m.map((row) => row.map((v, j) => (maxima[j] ? v / (maxima[j] ?? 1) : v)));
}

/** r_i = Σ_j m_ij (`row_sum_sparse`). */
export function rowSums(m: Matrix): number[] {
  return m.map((row) => row.reduce((a, v) => a + v, 0));
}

/** r_j = Σ_i v_i · m_ij (`matmul_sparse`: stake-weighted column sums). */
export function weightedColSums(m: Matrix, v: readonly number[]): number[] {
  const n = m[0]?.length ?? 0;
  const out = new Array<number>(n).fill(0);
  m.forEach((row, i) => {
    const s = v[i] ?? 0;
    row.forEach((x, j) => (out[j] = (out[j] ?? 0) + s * x));
  });
  return out;
}

/** d_i = Σ_j m_ij · v_j (`matmul_transpose_sparse`). */
export function weightedRowSums(m: Matrix, v: readonly number[]): number[] {
  return m.map((row) => row.reduce((a, x, j) => a + x * (v[j] ?? 0), 0));
}

/** Result = a + ratio · (b − a); ratio 0 gives a, ratio 1 gives b (`interpolate_sparse`). */
export function interpolate(a: Matrix, b: Matrix, ratio: number): Matrix {
  if (ratio === 0) return a.map((row) => [...row]);
  if (ratio === 1) return b.map((row) => [...row]);
  return a.map((row, i) => row.map((x, j) => x + ratio * ((b[i]?.[j] ?? 0) - x)));
}

/** alpha · next + (1 − alpha) · prev, element-wise (`mat_ema_sparse`). */
export function ema(next: Matrix, prev: Matrix, alpha: number): Matrix {
  return next.map((row, i) => row.map((x, j) => alpha * x + (1 - alpha) * (prev[i]?.[j] ?? 0)));
}

/** Clears the cells where `masked(i, j)` holds. */
export function maskCells(m: Matrix, masked: (i: number, j: number) => boolean): Matrix {
  return m.map((row, i) => row.map((v, j) => (masked(i, j) ? 0 : v)));
}

/**
 * A row of proportions in storage form: (uid, floor(x · 65535)) for every entry that is
 * non-zero in u16, in uid order. Subtensor also keeps entries that round to 0; a stored 0
 * reads back as 0, so dropping them changes no later epoch.
 */
export function rowToSparseU16(row: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  row.forEach((v, j) => {
    const q = proportionToU16(v);
    if (q > 0) out.push([j, q]);
  });
  return out;
}
