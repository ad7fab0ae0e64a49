import { STREAM_KEY_WORDS } from '../generator';
import { valueFormatOf, type WorkloadParams } from '../workload/params';
import { addGeneratorValues } from './generator-graph';
import { attr, GraphBuilder } from './graph-builder';
import { addNormRelu } from './norm-relu-graph';
import { DataType, encodeModel, type GraphSpec } from './onnx-proto';

/** Graph input and output names of the workload model. */
export const WORKLOAD_INPUTS = {
  /** uint32[STREAM_KEY_WORDS]: streamKeyWords of STREAM.input (X₀). */
  inputKey: 'input_key',
  /** uint32[m, STREAM_KEY_WORDS]: streamKeyWords of poolStream(j), one row per pool matrix. */
  poolKeys: 'pool_keys',
  /** uint32[STREAM_KEY_WORDS]: streamKeyWords of STREAM.head (Q). */
  headKey: 'head_key',
  /** int64[T]: the layer sequence a_t. */
  sequence: 'sequence',
} as const;
export const WORKLOAD_OUTPUT = 'Y';

/**
 * The miner's workload as one ONNX graph: X₀, the pool and Q are generated in-graph from the
 * stream keys, then X_t = normRelu(X_{t−1})·P_{a_t} for t = 1..T and Y = normRelu(X_T)·Q,
 * output as float32 [N, r].
 *
 * fp32/tf32: everything in float32. fp16: the MatMul operands are float16 (fp16-format values,
 * exact), each MatMul result is Cast back to float32 for normRelu, so the reduction never
 * overflows. Layers differ by the Gather index, so graph optimisation cannot merge them.
 */
export function buildWorkloadModel(p: WorkloadParams): Uint8Array {
  return encodeModel({ graph: workloadGraph(p) });
}

/** The workload graph before encoding: what buildWorkloadModel encodes, for inspection. */
export function workloadGraph(p: WorkloadParams): GraphSpec {
  const { rows, width, headWidth, depth, poolSize } = p;
  const format = valueFormatOf(p.datapath);
  const matmulType = format === 'fp16' ? DataType.FLOAT16 : DataType.FLOAT;
  const g = new GraphBuilder('pog_workload');
  const toMatmul = (v: string): string => (format === 'fp16' ? g.node('Cast', [v], { to: attr.int(DataType.FLOAT16) }) : v);
  const toFloat = (v: string, name?: string): string =>
    format === 'fp16' ? g.node('Cast', [v], { to: attr.int(DataType.FLOAT) }, name) : v;

  const inputKey = g.input(WORKLOAD_INPUTS.inputKey, DataType.UINT32, [STREAM_KEY_WORDS]);
  const poolKeys = g.input(WORKLOAD_INPUTS.poolKeys, DataType.UINT32, [poolSize, STREAM_KEY_WORDS]);
  const headKey = g.input(WORKLOAD_INPUTS.headKey, DataType.UINT32, [STREAM_KEY_WORDS]);
  const sequence = g.input(WORKLOAD_INPUTS.sequence, DataType.INT64, [depth]);

  // X₀ stays float32 even for fp16: it only feeds the first normRelu.
  let x = addGeneratorValues(g, inputKey, { rows, cols: width }, format, DataType.FLOAT);
  const pool = addGeneratorValues(g, poolKeys, { batch: poolSize, rows: width, cols: width }, format, matmulType);
  const head = addGeneratorValues(g, headKey, { rows: width, cols: headWidth }, format, matmulType);

  for (let t = 0; t < depth; t++) {
    const a = g.node('Gather', [sequence, g.scalar(DataType.INT64, t)], { axis: attr.int(0) });
    const weight = g.node('Gather', [pool, a], { axis: attr.int(0) });
    x = toFloat(g.node('MatMul', [toMatmul(addNormRelu(g, x, width, DataType.FLOAT)), weight]));
  }
  const h = toMatmul(addNormRelu(g, x, width, DataType.FLOAT));
  const y =
    format === 'fp16'
      ? toFloat(g.node('MatMul', [h, head]), WORKLOAD_OUTPUT)
      : g.node('MatMul', [h, head], {}, WORKLOAD_OUTPUT);
  g.output(y, DataType.FLOAT, [rows, headWidth]);
  return g.build();
}
