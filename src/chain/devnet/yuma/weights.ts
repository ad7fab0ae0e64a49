import { type Matrix, type SparseRow, denseFromSparse, maskCells, rowNormalize } from './matrix';

export interface WeightMasks {
  n: number;
  /** Validators whose rows count (subtensor: the stored permits from the previous epoch). */
  permitted: readonly boolean[];
  ownerUid: number | null;
  lastUpdate: readonly number[];
  blockAtRegistration: readonly number[];
}

/**
 * Weight matrix W as the epoch sees it: stored u16 rows read as raw values, then
 *  - rows of validators without a permit dropped;
 *  - the diagonal (self-weight) dropped, except the owner's;
 *  - a weight from i to j dropped when lastUpdate[i] ≤ blockAtRegistration[j]: i set it before
 *    j's current neuron existed (subtensor masks `updated <= registered`, so a weight set in the
 *    very block j registered is dropped too);
 *  - rows normalized to sum 1.
 */
export function epochWeights(rows: readonly SparseRow[], masks: WeightMasks): Matrix {
  const raw = denseFromSparse(rows, masks.n, (v) => v);
  const masked = maskCells(raw, (i, j) => {
    if (masks.permitted[i] !== true) return true;
    if (i === j && i !== masks.ownerUid) return true;
    return (masks.lastUpdate[i] ?? 0) <= (masks.blockAtRegistration[j] ?? 0);
  });
  return rowNormalize(masked);
}
