/** Dense float64 vector helpers (subtensor's math.rs vector functions, in float64). */

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Divides by the sum; a zero-sum vector comes back unchanged, as in `inplace_normalize`. */
export function normalize(values: readonly number[]): number[] {
  const total = sum(values);
  return total === 0 ? [...values] : values.map((v) => v / total);
}

export function isZero(values: readonly number[]): boolean {
  return values.every((v) => v === 0);
}

/** Zeroes the entries whose mask is true (`inplace_mask_vector`). */
export function maskVector(values: readonly number[], mask: readonly boolean[]): number[] {
  return values.map((v, i) => (mask[i] === true ? 0 : v));
}

/** Element-wise product. */
export function hadamard(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v * (b[i] ?? 0));
}
