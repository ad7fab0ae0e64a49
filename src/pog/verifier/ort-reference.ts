import { layerSequence } from '../generator';
import { buildLayerReferencePairModel, layerReferenceFeeds, REFERENCE_PAIR_OUTPUTS, type HostFeeds } from '../onnx';
import type { WorkloadRunner } from '../runner';
import type { WorkloadParams } from '../workload';
import type { ReferencePairFn } from './reference-pair';

/** Models kept per parameter set and row count; each is a few hundred kB of graph. */
const MODEL_CACHE_LIMIT = 4;
/** Pool matrices kept for reuse: one challenge's pool at the gpu preset (16 × 32 MiB). */
const SPARE_MATRIX_LIMIT = 16;

/**
 * Both references as one float64 ONNX graph on a CPU runner: the validator's fast path, since
 * onnxruntime's double MatMul is far quicker than JS loops at GPU-scale widths. The graph
 * takes each layer's matrix as an input, so it does not depend on the challenge: the runner's
 * worker keeps one warm session for every verification at the same parameters, and the
 * host-generated matrices move to the worker without a copy and come back with the result, to
 * be generated into again: fresh memory costs a page fault per 4 KiB, which at the gpu preset
 * cost more CPU than the generation itself. At most SPARE_MATRIX_LIMIT are kept, of the last
 * width verified.
 */
export function ortReferencePair(runner: Pick<WorkloadRunner, 'run'>): ReferencePairFn {
  const models = new Map<string, Uint8Array>();
  const modelFor = (params: WorkloadParams, k: number): Uint8Array => {
    const key = JSON.stringify([params.width, params.headWidth, params.depth, params.datapath, k]);
    let model = models.get(key);
    if (!model) {
      if (models.size >= MODEL_CACHE_LIMIT) models.delete(models.keys().next().value!);
      model = buildLayerReferencePairModel(params, k);
      models.set(key, model);
    }
    return model;
  };
  let spare: Float64Array[] = [];
  const allocate = (length: number): Float64Array => {
    if (spare[0]?.length !== length) spare = [];
    return spare.pop() ?? new Float64Array(length);
  };
  const keep = (returned: HostFeeds | undefined, length: number): void => {
    const seen = new Set<ArrayBufferLike>(spare.map((m) => m.buffer));
    for (const { data } of Object.values(returned ?? {})) {
      if (!(data instanceof Float64Array) || data.length !== length || seen.has(data.buffer) || spare.length >= SPARE_MATRIX_LIMIT) continue;
      seen.add(data.buffer);
      spare.push(data);
    }
  };
  return async (seed, params, rows) => {
    const feeds = layerReferenceFeeds(seed, params, rows, layerSequence(seed, params.depth, params.poolSize), allocate);
    const { outputs, feeds: returned } = await runner.run(modelFor(params, rows.length), feeds, [REFERENCE_PAIR_OUTPUTS.exact, REFERENCE_PAIR_OUTPUTS.honest], {
      transferFeeds: true,
      returnFeeds: true,
    });
    keep(returned, params.width * params.width);
    const exact = outputs[REFERENCE_PAIR_OUTPUTS.exact];
    const honest = outputs[REFERENCE_PAIR_OUTPUTS.honest];
    if (exact?.type !== 'float64' || honest?.type !== 'float64') throw new TypeError('the reference model must return two float64 outputs');
    return { exact: exact.data, honest: honest.data };
  };
}
