import { valueFormatOf, type WorkloadParams } from '../workload/params';
import { toFp16Array } from './fp16';
import { attr, GraphBuilder } from './graph-builder';
import { hostTensor, type HostFeeds, type HostTensor } from './host-tensor';
import { DataType } from './onnx-proto';

/** Input names of the reference GEMM model; layer t's matrix is `${weightPrefix}${t}`. */
export const REFERENCE_GEMM_INPUTS = { x: 'X', weightPrefix: 'W', head: 'Q' } as const;
export const REFERENCE_GEMM_OUTPUT = 'Y';

/**
 * The yardstick for the workload's efficiency: the same T MatMuls of N×n by n×n and the head,
 * in the workload's MatMul type, with every operand a graph input. No generation and no
 * normRelu, so its time is the pure GEMM time; each layer has its own matrix input so that no
 * optimisation can share work between layers.
 */
export function buildReferenceGemmModel(p: WorkloadParams): Uint8Array {
  const { rows, width, headWidth, depth } = p;
  const fp16 = valueFormatOf(p.datapath) === 'fp16';
  const type = fp16 ? DataType.FLOAT16 : DataType.FLOAT;
  const g = new GraphBuilder('pog_reference_gemm');
  let x = g.input(REFERENCE_GEMM_INPUTS.x, type, [rows, width]);
  for (let t = 0; t < depth; t++) {
    x = g.node('MatMul', [x, g.input(`${REFERENCE_GEMM_INPUTS.weightPrefix}${t}`, type, [width, width])]);
  }
  const head = g.input(REFERENCE_GEMM_INPUTS.head, type, [width, headWidth]);
  const y = fp16
    ? g.node('Cast', [g.node('MatMul', [x, head])], { to: attr.int(DataType.FLOAT) }, REFERENCE_GEMM_OUTPUT)
    : g.node('MatMul', [x, head], {}, REFERENCE_GEMM_OUTPUT);
  g.output(y, DataType.FLOAT, [rows, headWidth]);
  return g.encode();
}

/**
 * Feeds for the reference GEMM model: uniform values scaled by √(3/n) so that products keep
 * magnitude ~1 through all layers (no overflow or subnormals to skew the timing). Values come
 * from a cheap LCG: only their scale matters here.
 */
export function referenceGemmFeeds(p: WorkloadParams, salt = 1): HostFeeds {
  const fp16 = valueFormatOf(p.datapath) === 'fp16';
  let state = (salt * 0x9e3779b1) >>> 0;
  const block = (count: number, scale: number, dims: number[]): HostTensor => {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      values[i] = (state / 2 ** 31 - 1) * scale;
    }
    return fp16 ? hostTensor('float16', toFp16Array(values), dims) : hostTensor('float32', values, dims);
  };
  const scale = Math.sqrt(3 / p.width);
  const feeds: HostFeeds = { [REFERENCE_GEMM_INPUTS.x]: block(p.rows * p.width, 1, [p.rows, p.width]) };
  for (let t = 0; t < p.depth; t++) {
    feeds[`${REFERENCE_GEMM_INPUTS.weightPrefix}${t}`] = block(p.width * p.width, scale, [p.width, p.width]);
  }
  feeds[REFERENCE_GEMM_INPUTS.head] = block(p.width * p.headWidth, scale, [p.width, p.headWidth]);
  return feeds;
}
