import { layerSequence } from '../generator';
import { buildLayerReferencePairModel, layerReferenceFeeds, REFERENCE_PAIR_OUTPUTS } from '../onnx';
import type { WorkloadRunner } from '../runner';
import type { WorkloadParams } from '../workload';
import type { ReferencePairFn } from './reference-pair';

/** Models kept per parameter set and row count; each is a few hundred kB of graph. */
const MODEL_CACHE_LIMIT = 4;

/**
 * Both references as one float64 ONNX graph on a CPU runner: the validator's fast path, since
 * onnxruntime's double MatMul is far quicker than JS loops at GPU-scale widths. The graph
 * takes each layer's matrix as an input, so it does not depend on the challenge: the runner's
 * worker keeps one warm session for every verification at the same parameters, and the
 * host-generated matrices move to the worker without a copy.
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
  return async (seed, params, rows) => {
    const feeds = layerReferenceFeeds(seed, params, rows, layerSequence(seed, params.depth, params.poolSize));
    const { outputs } = await runner.run(modelFor(params, rows.length), feeds, [REFERENCE_PAIR_OUTPUTS.exact, REFERENCE_PAIR_OUTPUTS.honest], { transferFeeds: true });
    const exact = outputs[REFERENCE_PAIR_OUTPUTS.exact];
    const honest = outputs[REFERENCE_PAIR_OUTPUTS.honest];
    if (exact?.type !== 'float64' || honest?.type !== 'float64') throw new TypeError('the reference model must return two float64 outputs');
    return { exact: exact.data, honest: honest.data };
  };
}
