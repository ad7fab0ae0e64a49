import { deriveStreamKey, fillValues, poolStream, STREAM, layerSequence } from '../generator';
import { valueFormatOf, type WorkloadParams } from './params';

/**
 * The generated operands of a workload, materialised on the host (the validator's side, and
 * the reference for tests). Values are exact in Float32Array for both value formats.
 */
export interface WorkloadMatrices {
  /** poolSize matrices of width×width, concatenated row-major. */
  readonly pool: Float32Array;
  /** The width×headWidth head, row-major. */
  readonly head: Float32Array;
  /** a_t for t = 0..depth−1. */
  readonly sequence: readonly number[];
}

/** Fills `out` (width×width, exact in float32 or float64) with pool matrix j. */
export function fillPoolMatrix(seed: Uint8Array, p: WorkloadParams, j: number, out: Float32Array | Float64Array): void {
  fillValues(deriveStreamKey(seed, poolStream(j)), 0, out, valueFormatOf(p.datapath));
}

/** Fills `out` (width×headWidth) with the head Q. */
export function fillHead(seed: Uint8Array, p: WorkloadParams, out: Float32Array | Float64Array): void {
  fillValues(deriveStreamKey(seed, STREAM.head), 0, out, valueFormatOf(p.datapath));
}

export function generatePool(seed: Uint8Array, p: WorkloadParams): Float32Array {
  const size = p.width * p.width;
  const pool = new Float32Array(p.poolSize * size);
  for (let j = 0; j < p.poolSize; j++) fillPoolMatrix(seed, p, j, pool.subarray(j * size, (j + 1) * size));
  return pool;
}

export function generateHead(seed: Uint8Array, p: WorkloadParams): Float32Array {
  const head = new Float32Array(p.width * p.headWidth);
  fillHead(seed, p, head);
  return head;
}

/** Rows `rowIndices` of X₀, each `width` values, concatenated. */
export function generateInputRows(seed: Uint8Array, p: WorkloadParams, rowIndices: readonly number[]): Float32Array {
  const key = deriveStreamKey(seed, STREAM.input);
  const out = new Float32Array(rowIndices.length * p.width);
  rowIndices.forEach((row, i) => {
    fillValues(key, row * p.width, out.subarray(i * p.width, (i + 1) * p.width), valueFormatOf(p.datapath));
  });
  return out;
}

export function generateMatrices(seed: Uint8Array, p: WorkloadParams): WorkloadMatrices {
  return {
    pool: generatePool(seed, p),
    head: generateHead(seed, p),
    sequence: layerSequence(seed, p.depth, p.poolSize),
  };
}
