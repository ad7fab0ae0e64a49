import { RMS_EPSILON } from '../workload/constants';
import { generateInputRows, generateMatrices, type WorkloadMatrices } from '../workload/matrices';
import type { WorkloadParams } from '../workload/params';
import { rounderFor } from '../emulation/rounding';
import { HONEST_ROUNDING } from './honest-rounding';

// Builtins bound once: inside a vm context (jest) every global `Math.x` lookup goes through
// the global object's interceptor; bound, the test suite went from 227 s to 15 s.
const { fround, sqrt } = Math;

/** h = relu(x / √(mean(x²) + ε)), in float64, in place. */
export function normRelu(x: Float64Array): void {
  let sumSquares = 0;
  for (let i = 0; i < x.length; i++) sumSquares += x[i]! * x[i]!;
  const scale = 1 / sqrt(sumSquares / x.length + RMS_EPSILON);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! * scale;
    x[i] = v > 0 ? v : 0;
  }
}

/** out = h·M for a row vector h (length rows) and row-major M (rows×cols), float64 accumulation. */
function rowTimesMatrix(h: Float64Array, m: ArrayLike<number>, offset: number, cols: number, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k < h.length; k++) {
    const a = h[k]!;
    if (a === 0) continue; // relu zeroes about half the entries
    const base = offset + k * cols;
    for (let j = 0; j < cols; j++) out[j]! += a * m[base + j]!;
  }
}

type Round = (x: number) => number;
const identity: Round = (x) => x;

function roundInPlace(x: Float64Array, round: Round): void {
  if (round !== identity) for (let i = 0; i < x.length; i++) x[i] = round(x[i]!);
}

function rounder(bits: number): Round {
  if (bits >= 53) return identity;
  return bits === 24 ? fround : rounderFor(bits === 11 ? 'fp16' : 'bf16');
}

/**
 * Recomputes rows of the committed output Y in float64 from the seed alone: the validator's
 * reference. Cost per row is T·n² + n·r multiply-adds; the ORT float64 graph does the same
 * faster at GPU-scale parameters.
 */
export function referenceRows(
  seed: Uint8Array,
  p: WorkloadParams,
  rowIndices: readonly number[],
  matrices: WorkloadMatrices = generateMatrices(seed, p),
): Float64Array {
  return chainRows(seed, p, rowIndices, matrices, identity, identity, false);
}

/**
 * The same rows with the declared datapath's operand and storage roundings replayed
 * (HONEST_ROUNDING): what an honest miner's output looks like for this challenge. Its
 * distance from referenceRows is the challenge's honest noise level.
 */
export function honestRoundedRows(
  seed: Uint8Array,
  p: WorkloadParams,
  rowIndices: readonly number[],
  matrices: WorkloadMatrices = generateMatrices(seed, p),
): Float64Array {
  const rounding = HONEST_ROUNDING[p.datapath];
  return chainRows(seed, p, rowIndices, matrices, rounder(rounding.operandBits), rounder(rounding.storageBits), rounding.roundWeights);
}

function chainRows(
  seed: Uint8Array,
  p: WorkloadParams,
  rowIndices: readonly number[],
  given: WorkloadMatrices,
  roundOperand: Round,
  roundStore: Round,
  roundWeights: boolean,
): Float64Array {
  const matrices = roundWeights
    ? { ...given, pool: Float64Array.from(given.pool, roundOperand), head: Float64Array.from(given.head, roundOperand) }
    : given;
  const inputs = generateInputRows(seed, p, rowIndices);
  const out = new Float64Array(rowIndices.length * p.headWidth);
  let x = new Float64Array(p.width);
  let next = new Float64Array(p.width);
  const y = new Float64Array(p.headWidth);
  const matrixSize = p.width * p.width;
  for (let r = 0; r < rowIndices.length; r++) {
    for (let i = 0; i < p.width; i++) x[i] = inputs[r * p.width + i]!;
    for (const a of matrices.sequence) {
      normRelu(x);
      roundInPlace(x, roundOperand);
      rowTimesMatrix(x, matrices.pool, a * matrixSize, p.width, next);
      roundInPlace(next, roundStore);
      [x, next] = [next, x];
    }
    normRelu(x);
    roundInPlace(x, roundOperand);
    rowTimesMatrix(x, matrices.head, 0, p.headWidth, y);
    roundInPlace(y, roundStore);
    out.set(y, r * p.headWidth);
  }
  return out;
}
