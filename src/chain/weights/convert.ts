/**
 * Float weights → the u16 vectors `set_weights` / `reveal_weights` carry, the way the Bittensor
 * Python SDK does it.
 *
 * Source: opentensor/bittensor@bittensor/utils/weight_utils.py
 *   - `convert_weights_and_uids_for_emit`: reject negative weights / uids and length mismatch;
 *     all-zero weights → `([], [])`; otherwise `w / max(w)`, then `round(w * 65535)` with
 *     Python's built-in `round` (round-half-to-even on floats, after `.tolist()` turned the
 *     numpy values into Python floats, i.e. doubles); entries that round to 0 are dropped.
 *   - `convert_and_normalize_weights_and_uids` (what `subtensor.set_weights` / `commit_weights`
 *     call) first turns *lists* into `np.float32` arrays, so the inputs are float32-rounded before
 *     the double arithmetic above. `{ float32: true }` reproduces that (it can change a result
 *     by one at an exact .5: 0.3 → 19660 as a double, 19661 after float32 rounding).
 *   - `normalize_max_weight(x, limit)`: see `normalizeMaxWeight` below.
 */

import { U16_MAX } from './units';

export { U16_MAX };

/** Python 3's `round(x)` for a finite float: nearest integer, ties to even. */
export function pythonRound(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${x}`);
  const f = Math.floor(x);
  const diff = x - f; // exact for |x| < 2^52
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

export interface EmitWeights {
  /** destination uids, in input order, zeros removed */
  uids: number[];
  /** u16 weights, largest = 65535 */
  weights: number[];
}

export interface ConvertOptions {
  /** Round each input weight to float32 first, as the SDK's list → np.float32 conversion does. */
  float32?: boolean;
}

/**
 * `convert_weights_and_uids_for_emit`: max-upscale to u16, drop zeros.
 * Throws RangeError on a length mismatch, an empty input, a negative / non-finite weight, or a uid
 * that is not an integer in 0..65535 (the SDK raises ValueError for negatives and mismatches;
 * `min([])` raises for empty input; NaN/Infinity and non-u16 uids could not reach the chain).
 */
export function convertWeightsAndUidsForEmit(
  uids: readonly number[],
  weights: readonly number[],
  options: ConvertOptions = {},
): EmitWeights {
  if (uids.length !== weights.length) {
    throw new RangeError(
      `Passed weights and uids must have the same length, got ${uids.length} and ${weights.length}`,
    );
  }
  if (uids.length === 0) throw new RangeError('no weights passed');
  for (const uid of uids) {
    if (!Number.isInteger(uid) || uid < 0 || uid > U16_MAX) {
      throw new RangeError(`uid ${uid} is not a u16`);
    }
  }
  const ws = weights.map((w) => (options.float32 ? Math.fround(w) : w));
  for (const w of ws) {
    if (Number.isNaN(w) || !Number.isFinite(w)) throw new RangeError(`weight ${w} is not finite`);
    if (w < 0) throw new RangeError(`Passed weight is negative cannot exist on chain ${w}`);
  }
  const sum = ws.reduce((a, b) => a + b, 0);
  if (sum === 0) return { uids: [], weights: [] };
  const max = Math.max(...ws);
  const out: EmitWeights = { uids: [], weights: [] };
  ws.forEach((w, i) => {
    const v = pythonRound((w / max) * U16_MAX);
    if (v !== 0) {
      out.uids.push(uids[i] as number);
      out.weights.push(v);
    }
  });
  return out;
}

/**
 * `normalize_max_weight(x, limit=0.1)`: normalise to sum 1 with no entry above `limit`, by
 * clipping the largest entries to a common cutoff. Same algorithm as the SDK (epsilon 1e-7;
 * uniform output when the sum is 0 or `n * limit <= 1`), computed in float64 — the SDK works on
 * float32 arrays, so results agree to float32 precision, not bit for bit.
 */
export function normalizeMaxWeight(x: readonly number[], limit = 0.1): number[] {
  const n = x.length;
  if (n === 0) return [];
  const epsilon = 1e-7;
  const weights = x.slice();
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || n * limit <= 1) return weights.map(() => 1 / n);
  const values = weights.slice().sort((a, b) => a - b);
  const estimation = values.map((v) => v / total);
  if (Math.max(...estimation) <= limit) return weights.map((w) => w / total);
  const cumsum: number[] = [];
  let acc = 0;
  for (const e of estimation) cumsum.push((acc += e));
  let nValues = 0;
  estimation.forEach((e, i) => {
    const estimationSum = (n - i - 1) * e;
    if (e / (estimationSum + (cumsum[i] as number) + epsilon) < limit) nValues += 1;
  });
  // numpy's cumsum[n_values - 1] wraps to the last element when n_values == 0.
  const cum = cumsum[nValues === 0 ? n - 1 : nValues - 1] as number;
  const cutoffScale = (limit * cum - epsilon) / (1 - limit * (n - nValues));
  const cutoff = cutoffScale * total;
  const clipped = weights.map((w) => (w > cutoff ? cutoff : w));
  const clippedSum = clipped.reduce((a, b) => a + b, 0);
  return clipped.map((w) => w / clippedSum);
}
