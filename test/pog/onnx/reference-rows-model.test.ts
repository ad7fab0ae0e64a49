import {
  buildReferencePairModel,
  referencePoolInput,
  referenceRowsFeeds,
  REFERENCE_PAIR_OUTPUTS,
  REFERENCE_ROWS_INPUTS,
} from '../../../src/pog/onnx';
import { layerSequence } from '../../../src/pog/generator';
import { honestRoundedRows, referenceRows } from '../../../src/pog/reference';
import { rowResiduals } from '../../../src/pog/verifier/residual';
import { generateInputRows, generateMatrices, preset, type WorkloadParams } from '../../../src/pog/workload';
import { runOnCpu } from './ort-session';

const seed = new Uint8Array(32).map((_, i) => (i * 101 + 7) & 0xff);
const sequenceOf = (p: WorkloadParams) => layerSequence(seed, p.depth, p.poolSize);

/** The exact chain of the pair model: what the verifier compares a miner's rows with. */
async function modelRows(p: WorkloadParams, rows: number[], sequence = sequenceOf(p)): Promise<Float64Array> {
  const out = await runOnCpu(buildReferencePairModel(p, rows.length, sequence), referenceRowsFeeds(seed, p, rows), [REFERENCE_PAIR_OUTPUTS.exact]);
  expect(out[REFERENCE_PAIR_OUTPUTS.exact]!.type).toBe('float64');
  expect(out[REFERENCE_PAIR_OUTPUTS.exact]!.dims).toEqual([rows.length, p.headWidth]);
  return out[REFERENCE_PAIR_OUTPUTS.exact]!.data as Float64Array;
}

describe('float64 reference rows model', () => {
  for (const datapath of ['fp32', 'fp16'] as const) {
    test(`agrees with referenceRows to 1e-12 (${datapath} values)`, async () => {
      const p = preset('ci', { datapath });
      const rows = [0, 1, 2, 77, 500, 511, 512, 1000, 1022, 1023, ...Array.from({ length: 54 }, (_, i) => (i * 379 + 13) % p.rows)];
      const y = await modelRows(p, rows);
      const rho = rowResiduals(y, referenceRows(seed, p, rows), p.headWidth);
      expect(Math.max(...rho)).toBeLessThan(1e-12);
    });
  }

  test('agrees at a wider, deeper shape with a larger pool', async () => {
    const p = preset('ci', { width: 256, depth: 12, poolSize: 7, headWidth: 5 });
    const rows = [3, 64, 1020];
    const rho = rowResiduals(await modelRows(p, rows), referenceRows(seed, p, rows), p.headWidth);
    expect(Math.max(...rho)).toBeLessThan(1e-12);
  });

  for (const datapath of ['fp32', 'tf32', 'fp16'] as const) {
    test(`pair model: exact and honest-rounded chains agree with the JS references to 1e-12 (${datapath})`, async () => {
      const p = preset('ci', { datapath, rows: 256 });
      const rows = Array.from({ length: 40 }, (_, i) => (i * 97 + 5) % p.rows);
      const names = [REFERENCE_PAIR_OUTPUTS.exact, REFERENCE_PAIR_OUTPUTS.honest];
      const out = await runOnCpu(buildReferencePairModel(p, rows.length, sequenceOf(p)), referenceRowsFeeds(seed, p, rows), names);
      const exact = out[REFERENCE_PAIR_OUTPUTS.exact]!.data as Float64Array;
      const honest = out[REFERENCE_PAIR_OUTPUTS.honest]!.data as Float64Array;
      const exactRef = referenceRows(seed, p, rows);
      const honestRef = honestRoundedRows(seed, p, rows);
      expect(Math.max(...rowResiduals(exact, exactRef, p.headWidth))).toBeLessThan(1e-12);
      expect(Math.max(...rowResiduals(honest, honestRef, p.headWidth))).toBeLessThan(1e-12);
      // The replayed roundings are really there: the honest chain is measurably off the exact one.
      const noise = Math.max(...rowResiduals(honestRef, exactRef, p.headWidth));
      expect(noise).toBeGreaterThan(datapath === 'fp32' ? 1e-9 : 1e-5);
    });
  }

  test('feeds hold the host-generated operands in float64, one input per pool matrix', () => {
    const p = preset('ci');
    const rows = [5, 9];
    const matrices = generateMatrices(seed, p);
    const feeds = referenceRowsFeeds(seed, p, rows);
    expect(feeds[REFERENCE_ROWS_INPUTS.x0]).toEqual({ type: 'float64', data: Float64Array.from(generateInputRows(seed, p, rows)), dims: [2, p.width] });
    const size = p.width * p.width;
    for (let j = 0; j < p.poolSize; j++) {
      expect(feeds[referencePoolInput(j)]).toEqual({ type: 'float64', data: Float64Array.from(matrices.pool.subarray(j * size, (j + 1) * size)), dims: [p.width, p.width] });
    }
    expect(feeds[REFERENCE_ROWS_INPUTS.head]!.data).toEqual(Float64Array.from(matrices.head));
    expect(Object.keys(feeds)).toHaveLength(p.poolSize + 2);
  });

  test('follows the layer sequence it was built for', async () => {
    const p = preset('ci');
    const rows = [1, 2, 3];
    const other = sequenceOf(p).map((a) => (a + 1) % p.poolSize);
    const rho = rowResiduals(await modelRows(p, rows, other), referenceRows(seed, p, rows), p.headWidth);
    expect(Math.min(...rho)).toBeGreaterThan(0.1);
  });

  test('rejects a row count that is not a positive integer, and a sequence that does not fit', () => {
    const p = preset('ci');
    expect(() => buildReferencePairModel(p, 0, sequenceOf(p))).toThrow(RangeError);
    expect(() => buildReferencePairModel(p, 4, sequenceOf(p).slice(1))).toThrow(RangeError);
    expect(() => buildReferencePairModel(p, 4, sequenceOf(p).map(() => p.poolSize))).toThrow(RangeError);
  });
});
