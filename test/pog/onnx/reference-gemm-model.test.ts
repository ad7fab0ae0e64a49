import {
  buildReferenceGemmModel,
  fromFp16Array,
  hostTensor,
  referenceGemmFeeds,
  REFERENCE_GEMM_INPUTS,
  REFERENCE_GEMM_OUTPUT,
  type HostFeeds,
} from '../../../src/pog/onnx';
import { rowResiduals } from '../../../src/pog/verifier/residual';
import { parseWorkloadParams, type WorkloadParams } from '../../../src/pog/workload';
import { runOnCpu } from './ort-session';

const small = (datapath: WorkloadParams['datapath']): WorkloadParams =>
  parseWorkloadParams({ rows: 16, width: 8, headWidth: 3, depth: 3, poolSize: 2, datapath, rowsPerLeaf: 4, auditRows: 4 });

/** (rows × k) · (k × cols), float64. */
function matmul(a: ArrayLike<number>, b: ArrayLike<number>, rows: number, k: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[i * k + t]! * b[t * cols + j]!;
    out[i * cols + j] = s;
  }
  return out;
}

function expectedY(p: WorkloadParams, values: (name: string) => ArrayLike<number>): Float64Array {
  let x: ArrayLike<number> = values(REFERENCE_GEMM_INPUTS.x);
  for (let t = 0; t < p.depth; t++) x = matmul(x, values(`${REFERENCE_GEMM_INPUTS.weightPrefix}${t}`), p.rows, p.width, p.width);
  return matmul(x, values(REFERENCE_GEMM_INPUTS.head), p.rows, p.width, p.headWidth);
}

describe('reference GEMM model', () => {
  test('fp32: computes X·W0·W1·W2·Q with distinct per-layer matrices', async () => {
    const p = small('fp32');
    const feeds = referenceGemmFeeds(p);
    const names = Object.keys(feeds);
    expect(names).toEqual(['X', 'W0', 'W1', 'W2', 'Q']);
    expect(feeds.W0!.dims).toEqual([8, 8]);
    expect(feeds.W0!.data).not.toEqual(feeds.W1!.data);
    const out = await runOnCpu(buildReferenceGemmModel(p), feeds, [REFERENCE_GEMM_OUTPUT]);
    expect(out.Y!.dims).toEqual([16, 3]);
    const rho = rowResiduals(out.Y!.data as Float32Array, expectedY(p, (n) => feeds[n]!.data as Float32Array), p.headWidth);
    expect(Math.max(...rho)).toBeLessThan(1e-5);
  });

  test('fp16: float16 operands, float32 Y', async () => {
    const p = small('fp16');
    const feeds = referenceGemmFeeds(p);
    expect(feeds.X!.type).toBe('float16');
    const out = await runOnCpu(buildReferenceGemmModel(p), feeds, [REFERENCE_GEMM_OUTPUT]);
    expect(out.Y!.type).toBe('float32');
    const rho = rowResiduals(out.Y!.data as Float32Array, expectedY(p, (n) => fromFp16Array(feeds[n]!.data as Uint16Array)), p.headWidth);
    expect(Math.max(...rho)).toBeLessThan(5e-3);
  });

  test('exact small products: identity layers pass X·Q through', async () => {
    const p = small('fp32');
    const identity = Float32Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? 1 : 0));
    const x = Float32Array.from({ length: 128 }, (_, i) => (i % 7) - 3);
    const q = Float32Array.from({ length: 24 }, (_, i) => (i % 5) - 2);
    const feeds: HostFeeds = { X: hostTensor('float32', x, [16, 8]), Q: hostTensor('float32', q, [8, 3]) };
    for (let t = 0; t < p.depth; t++) feeds[`W${t}`] = hostTensor('float32', identity, [8, 8]);
    const out = await runOnCpu(buildReferenceGemmModel(p), feeds, [REFERENCE_GEMM_OUTPUT]);
    expect(Array.from(out.Y!.data as Float32Array)).toEqual(Array.from(matmul(x, q, 16, 8, 3)));
  });

  test('feeds keep magnitudes near one through the chain', () => {
    const p = parseWorkloadParams({ ...small('fp32'), width: 256 });
    const feeds = referenceGemmFeeds(p);
    const w = feeds.W1!.data as Float32Array;
    const meanSquare = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(meanSquare * p.width).toBeCloseTo(1, 1);
  });
});
