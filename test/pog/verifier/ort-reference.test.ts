import { layerSequence } from '../../../src/pog/generator';
import { buildLayerReferencePairModel, buildReferencePairModel, layerReferenceFeeds, referenceLayerInput, referenceRowsFeeds, REFERENCE_PAIR_OUTPUTS } from '../../../src/pog/onnx';
import { WorkloadRunner, type RunResult } from '../../../src/pog/runner';
import { jsReferencePair, ortReferencePair } from '../../../src/pog/verifier';
import { rowResiduals } from '../../../src/pog/verifier/residual';
import { preset } from '../../../src/pog/workload';

let runner: WorkloadRunner;
beforeAll(async () => {
  runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
});
afterAll(() => runner.close());

const seedOf = (b: number) => new Uint8Array(32).fill(b);
const names = [REFERENCE_PAIR_OUTPUTS.exact, REFERENCE_PAIR_OUTPUTS.honest];

describe('the layer reference model (one session for every challenge)', () => {
  test('gives exactly the pool model\'s outputs, with the unused pool matrices never generated', async () => {
    const p = preset('ci', { depth: 3, poolSize: 6 }); // at most 3 of 6 matrices used
    const seed = seedOf(9);
    const rows = [0, 7, 300];
    const sequence = layerSequence(seed, p.depth, p.poolSize);
    const feeds = layerReferenceFeeds(seed, p, rows, sequence);
    // layers using the same matrix share one tensor; no feed exists for an unused matrix
    const distinct = new Set(sequence.map((_, t) => feeds[referenceLayerInput(t)]));
    expect(distinct.size).toBe(new Set(sequence).size);
    expect(Object.keys(feeds)).toHaveLength(p.depth + 2);
    const layered = await runner.run(buildLayerReferencePairModel(p, rows.length), feeds, names, { transferFeeds: true });
    const pooled = await runner.run(buildReferencePairModel(p, rows.length, sequence), referenceRowsFeeds(seed, p, rows), names);
    for (const name of names) expect(layered.outputs[name]!.data).toEqual(pooled.outputs[name]!.data);
  });

  test('ortReferencePair reuses one model and the pool arrays across seeds and agrees with the JS references', async () => {
    const p = preset('ci', { datapath: 'fp16' });
    const rows = [1, 2, 900];
    const results: RunResult[] = [];
    const models = new Set<Uint8Array>();
    const poolArrays: Set<unknown>[] = [];
    const spy: Pick<WorkloadRunner, 'run'> = {
      run: async (model, feeds, outputNames, options) => {
        models.add(model);
        poolArrays.push(new Set(Object.values(feeds).filter((f) => f.dims[0] === p.width && f.dims[1] === p.width).map((f) => f.data)));
        const result = await runner.run(model, feeds, outputNames, options);
        results.push(result);
        return result;
      },
    };
    const reference = ortReferencePair(spy);
    for (const seed of [seedOf(1), seedOf(2)]) {
      const ort = await reference(seed, p, rows);
      const js = await jsReferencePair(seed, p, rows);
      expect(Math.max(...rowResiduals(ort.exact, js.exact, p.headWidth))).toBeLessThan(1e-12);
      expect(Math.max(...rowResiduals(ort.honest, js.honest, p.headWidth))).toBeLessThan(1e-12);
    }
    expect(models.size).toBe(1);
    expect(results[1]!.timings.sessionCached).toBe(true);
    // The second challenge's pool was generated into the first one's arrays, back from the worker.
    const returned = new Set(Object.values(results[0]!.feeds ?? {}).map((f) => f.data));
    expect(poolArrays[1]!.size).toBeGreaterThan(0);
    for (const array of poolArrays[1]!) expect(returned.has(array as Float64Array)).toBe(true);
  });
});
