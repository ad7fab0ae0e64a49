import { deriveStreamKey, layerSequence, poolStream, STREAM, STREAM_KEY_WORDS, streamKeyWords } from '../../../src/pog/generator';
import { buildWorkloadModel, workloadFeeds, WORKLOAD_INPUTS, WORKLOAD_OUTPUT, hostTensor } from '../../../src/pog/onnx';
import { referenceRows } from '../../../src/pog/reference';
import { median, rowResiduals } from '../../../src/pog/verifier/residual';
import { generateMatrices, preset, type WorkloadParams } from '../../../src/pog/workload';
import { runOnCpu } from './ort-session';

const seed = new Uint8Array(32).map((_, i) => (i * 13 + 5) & 0xff);
const otherSeed = new Uint8Array(32).map((_, i) => (i * 29 + 1) & 0xff);
const allRows = (p: WorkloadParams): number[] => Array.from({ length: p.rows }, (_, i) => i);

async function runWorkload(p: WorkloadParams, s: Uint8Array, model = buildWorkloadModel(p), feeds = workloadFeeds(s, p)): Promise<Float32Array> {
  const out = await runOnCpu(model, feeds, [WORKLOAD_OUTPUT]);
  expect(out[WORKLOAD_OUTPUT]!.type).toBe('float32');
  expect(out[WORKLOAD_OUTPUT]!.dims).toEqual([p.rows, p.headWidth]);
  return out[WORKLOAD_OUTPUT]!.data as Float32Array;
}

function residualStats(observed: Float32Array, reference: Float64Array, width: number): { median: number; max: number } {
  const rho = rowResiduals(observed, reference, width);
  return { median: median(rho), max: Math.max(...rho) };
}

describe('workload model', () => {
  test('workloadFeeds carries each stream’s key words and the layer sequence', () => {
    const p = preset('ci');
    const feeds = workloadFeeds(seed, p);
    const words = (stream: number): number[] => Array.from(streamKeyWords(deriveStreamKey(seed, stream)));
    expect(Array.from(feeds[WORKLOAD_INPUTS.inputKey]!.data as Uint32Array)).toEqual(words(STREAM.input));
    expect(Array.from(feeds[WORKLOAD_INPUTS.headKey]!.data as Uint32Array)).toEqual(words(STREAM.head));
    const pool = feeds[WORKLOAD_INPUTS.poolKeys]!;
    expect(pool.dims).toEqual([p.poolSize, STREAM_KEY_WORDS]);
    expect(Array.from(pool.data as Uint32Array)).toEqual(Array.from({ length: p.poolSize }, (_, j) => words(poolStream(j))).flat());
    const sequence = feeds[WORKLOAD_INPUTS.sequence]!;
    expect(sequence.type).toBe('int64');
    expect(Array.from(sequence.data as BigInt64Array, Number)).toEqual(layerSequence(seed, p.depth, p.poolSize));
  });

  test('fp32: every row of Y matches the float64 reference (ci preset)', async () => {
    const p = preset('ci');
    const y = await runWorkload(p, seed);
    const stats = residualStats(y, referenceRows(seed, p, allRows(p)), p.headWidth);
    expect(stats.median).toBeLessThan(1e-5);
    expect(stats.max).toBeLessThan(1e-4);
  });

  test('fp16: every row of Y matches the float64 reference within the fp16 band', async () => {
    const p = preset('ci', { datapath: 'fp16', rows: 256 });
    const y = await runWorkload(p, seed);
    const stats = residualStats(y, referenceRows(seed, p, allRows(p)), p.headWidth);
    expect(stats.median).toBeLessThan(5e-3);
    expect(stats.max).toBeLessThan(2e-2);
  });

  test('same seed gives bit-identical Y; another seed gives another Y', async () => {
    const p = preset('ci', { rows: 256 });
    const model = buildWorkloadModel(p);
    const first = await runWorkload(p, seed, model);
    const again = await runWorkload(p, seed, model);
    const other = await runWorkload(p, otherSeed, model);
    expect(Buffer.from(again.buffer).equals(Buffer.from(first.buffer))).toBe(true);
    let equalRows = 0;
    for (let r = 0; r < p.rows; r++) {
      const a = first.subarray(r * p.headWidth, (r + 1) * p.headWidth);
      const b = other.subarray(r * p.headWidth, (r + 1) * p.headWidth);
      if (a.every((v, i) => v === b[i])) equalRows++;
    }
    expect(equalRows).toBe(0);
  });

  test('layers are not merged when the sequence repeats one matrix (no CSE across layers)', async () => {
    const p = preset('ci', { rows: 64, depth: 5 });
    const repeated = [2, 2, 2, 2, 2];
    const feeds = {
      ...workloadFeeds(seed, p),
      [WORKLOAD_INPUTS.sequence]: hostTensor('int64', BigInt64Array.from(repeated, BigInt), [p.depth]),
    };
    const y = await runWorkload(p, seed, buildWorkloadModel(p), feeds);
    const matrices = { ...generateMatrices(seed, p), sequence: repeated };
    const stats = residualStats(y, referenceRows(seed, p, allRows(p), matrices), p.headWidth);
    expect(stats.max).toBeLessThan(1e-5);
    // The same rows through four layers instead of five are far off: depth really is 5.
    const shallow = { ...matrices, sequence: repeated.slice(1) };
    const p4 = { ...p, depth: 4 };
    expect(residualStats(y, referenceRows(seed, p4, allRows(p4), shallow), p.headWidth).median).toBeGreaterThan(0.1);
  });

  test('a pool index outside [0, m) fails the run', async () => {
    const p = preset('ci', { rows: 64, depth: 2 });
    const feeds = { ...workloadFeeds(seed, p), [WORKLOAD_INPUTS.sequence]: hostTensor('int64', BigInt64Array.of(0n, BigInt(p.poolSize)), [2]) };
    await expect(runOnCpu(buildWorkloadModel(p), feeds, [WORKLOAD_OUTPUT])).rejects.toThrow(/indices|out of bounds|range/i);
  });
});
