// Builtins bound once: inside a vm context (jest) every global `Math.x` lookup goes through
// the global object's interceptor; bound, the test suite went from 227 s to 15 s.
const isFinite = Number.isFinite;
const sqrt = Math.sqrt;

/**
 * ρ for one row: ‖y − y_ref‖₂ / ‖y_ref‖₂, the error normalised by the row's magnitude.
 * Non-finite observed values give +∞, so NaN or Inf can never pass a band.
 */
export function rowResidual(observed: ArrayLike<number>, reference: ArrayLike<number>, offset: number, width: number): number {
  let errorSquares = 0;
  let referenceSquares = 0;
  for (let j = 0; j < width; j++) {
    const o = observed[offset + j]!;
    const r = reference[offset + j]!;
    if (!isFinite(o)) return Number.POSITIVE_INFINITY;
    errorSquares += (o - r) * (o - r);
    referenceSquares += r * r;
  }
  if (referenceSquares === 0) return errorSquares === 0 ? 0 : Number.POSITIVE_INFINITY;
  return sqrt(errorSquares / referenceSquares);
}

/** ρ for every row of two row-major blocks of `width` columns. */
export function rowResiduals(observed: ArrayLike<number>, reference: ArrayLike<number>, width: number): Float64Array {
  const rows = reference.length / width;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = rowResidual(observed, reference, i * width, width);
  return out;
}

export function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
