import { RMS_EPSILON } from '../workload/constants';
import { generateInputRows, generateMatrices, type WorkloadMatrices } from '../workload/matrices';
import type { WorkloadParams } from '../workload/params';
import { rounderFor, type EmulatedFormat } from './rounding';

// Builtins bound once: inside a vm context (jest) every global `Math.x` lookup goes through
// the global object's interceptor; bound, the test suite went from 227 s to 15 s.
const { fround, sqrt, min } = Math;

/**
 * How an emulated miner computes: the format matmul operands are rounded to, the format every
 * partial sum is rounded to, and the format hidden states are stored in between layers.
 * Honest fp16 on tensor cores is {operands: fp16, accumulate: fp32, storage: fp16}.
 */
export interface EmulatedDatapath {
  operands: EmulatedFormat;
  accumulate: EmulatedFormat;
  storage: EmulatedFormat;
  /**
   * Products summed in fp32 before each rounding into the accumulator: 1 is sequential
   * accumulation; 16 is what a tensor-core MMA with a low-precision accumulator does.
   */
  chunk?: number;
}

/** Row-wise relu(rmsnorm(x)) in float32, as the honest graph computes it. */
function normReluFp32(x: Float64Array): void {
  let sumSquares = 0;
  for (let i = 0; i < x.length; i++) sumSquares = fround(sumSquares + fround(x[i]! * x[i]!));
  const scale = fround(1 / fround(sqrt(fround(sumSquares / x.length + RMS_EPSILON))));
  for (let i = 0; i < x.length; i++) {
    const v = fround(x[i]! * scale);
    x[i] = v > 0 ? v : 0;
  }
}

function rowTimesMatrix(
  h: Float64Array,
  m: Float32Array,
  offset: number,
  cols: number,
  out: Float64Array,
  roundOperand: (x: number) => number,
  roundSum: (x: number) => number,
  chunk: number,
): void {
  out.fill(0);
  const partial = new Float64Array(cols);
  for (let k0 = 0; k0 < h.length; k0 += chunk) {
    partial.fill(0);
    for (let k = k0; k < min(k0 + chunk, h.length); k++) {
      const a = roundOperand(h[k]!);
      if (a === 0) continue;
      const base = offset + k * cols;
      for (let j = 0; j < cols; j++) partial[j] = fround(partial[j]! + fround(a * roundOperand(m[base + j]!)));
    }
    for (let j = 0; j < cols; j++) out[j] = roundSum(out[j]! + partial[j]!);
  }
}

/**
 * Computes rows of Y the way a miner with the given datapath would (sequential accumulation),
 * for calibrating tolerance bands and for showing that cheaper datapaths are caught.
 * Slow by design: T·n² rounded operations per row.
 */
export function emulatedRows(
  seed: Uint8Array,
  p: WorkloadParams,
  rowIndices: readonly number[],
  datapath: EmulatedDatapath,
  matrices: WorkloadMatrices = generateMatrices(seed, p),
): Float32Array {
  const roundOperand = rounderFor(datapath.operands);
  const roundSum = rounderFor(datapath.accumulate);
  const roundStore = rounderFor(datapath.storage);
  const chunk = datapath.chunk ?? 1;
  const inputs = generateInputRows(seed, p, rowIndices);
  const out = new Float32Array(rowIndices.length * p.headWidth);
  let x = new Float64Array(p.width);
  let next = new Float64Array(p.width);
  const y = new Float64Array(p.headWidth);
  const matrixSize = p.width * p.width;
  for (let r = 0; r < rowIndices.length; r++) {
    for (let i = 0; i < p.width; i++) x[i] = roundStore(inputs[r * p.width + i]!);
    for (const a of matrices.sequence) {
      normReluFp32(x);
      rowTimesMatrix(x, matrices.pool, a * matrixSize, p.width, next, roundOperand, roundSum, chunk);
      for (let i = 0; i < p.width; i++) next[i] = roundStore(next[i]!);
      [x, next] = [next, x];
    }
    normReluFp32(x);
    rowTimesMatrix(x, matrices.head, 0, p.headWidth, y, roundOperand, roundSum, chunk);
    for (let j = 0; j < p.headWidth; j++) out[r * p.headWidth + j] = roundStore(y[j]!);
  }
  return out;
}
