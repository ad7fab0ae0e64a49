import { buildReferencePairModel, referenceRowsFeeds, REFERENCE_PAIR_OUTPUTS } from '../onnx';
import type { WorkloadRunner } from '../runner';
import type { WorkloadParams } from '../workload';
import type { ReferencePairFn } from './reference-pair';

/** Reference models kept per parameter set and row count; building one is cheap, but not free. */
const MODEL_CACHE_LIMIT = 8;

/**
 * Both references as one float64 ONNX graph on a CPU runner: the validator's fast path, since
 * onnxruntime's double MatMul is far quicker than JS loops at GPU-scale widths.
 */
export function ortReferencePair(runner: Pick<WorkloadRunner, 'run'>): ReferencePairFn {
  const models = new Map<string, Uint8Array>();
  const modelFor = (p: WorkloadParams, k: number): Uint8Array => {
    const key = JSON.stringify([p.width, p.headWidth, p.depth, p.poolSize, p.datapath, k]);
    let model = models.get(key);
    if (!model) {
      if (models.size >= MODEL_CACHE_LIMIT) models.delete(models.keys().next().value!);
      model = buildReferencePairModel(p, k);
      models.set(key, model);
    }
    return model;
  };
  return async (seed, params, rows) => {
    const { outputs } = await runner.run(modelFor(params, rows.length), referenceRowsFeeds(seed, params, rows), [
      REFERENCE_PAIR_OUTPUTS.exact,
      REFERENCE_PAIR_OUTPUTS.honest,
    ]);
    const exact = outputs[REFERENCE_PAIR_OUTPUTS.exact];
    const honest = outputs[REFERENCE_PAIR_OUTPUTS.honest];
    if (exact?.type !== 'float64' || honest?.type !== 'float64') throw new TypeError('the reference model must return two float64 outputs');
    return { exact: exact.data, honest: honest.data };
  };
}
