import { honestRoundedRows, referenceRows } from '../reference';
import type { WorkloadParams } from '../workload';
import { generateMatrices } from '../workload';

/** The two float64 recomputations the verifier compares a miner's rows with. */
export interface ReferencePair {
  /** Exact chain: y_ref. */
  readonly exact: Float64Array;
  /** Chain with the declared datapath's roundings replayed: y_honest. */
  readonly honest: Float64Array;
}

/** Recomputes audited rows; the JS implementation, or the ORT float64 graph (ort-reference.ts). */
export type ReferencePairFn = (seed: Uint8Array, params: WorkloadParams, rows: readonly number[]) => ReferencePair | Promise<ReferencePair>;

/** Both references in plain TypeScript: the spec's own recomputation, for any size but slow. */
export const jsReferencePair: ReferencePairFn = (seed, params, rows) => {
  const matrices = generateMatrices(seed, params);
  return { exact: referenceRows(seed, params, rows, matrices), honest: honestRoundedRows(seed, params, rows, matrices) };
};
