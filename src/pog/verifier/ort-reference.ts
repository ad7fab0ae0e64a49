import { layerSequence } from '../generator';
import { buildReferencePairModel, referenceRowsFeeds, REFERENCE_PAIR_OUTPUTS } from '../onnx';
import type { WorkloadRunner } from '../runner';
import type { ReferencePairFn } from './reference-pair';

/**
 * Both references as one float64 ONNX graph on a CPU runner: the validator's fast path, since
 * onnxruntime's double MatMul is far quicker than JS loops at GPU-scale widths. The graph is
 * built for the challenge's own layer sequence, so each challenge brings a new model.
 */
export function ortReferencePair(runner: Pick<WorkloadRunner, 'run'>): ReferencePairFn {
  return async (seed, params, rows) => {
    const model = buildReferencePairModel(params, rows.length, layerSequence(seed, params.depth, params.poolSize));
    const { outputs } = await runner.run(model, referenceRowsFeeds(seed, params, rows), [
      REFERENCE_PAIR_OUTPUTS.exact,
      REFERENCE_PAIR_OUTPUTS.honest,
    ]);
    const exact = outputs[REFERENCE_PAIR_OUTPUTS.exact];
    const honest = outputs[REFERENCE_PAIR_OUTPUTS.honest];
    if (exact?.type !== 'float64' || honest?.type !== 'float64') throw new TypeError('the reference model must return two float64 outputs');
    return { exact: exact.data, honest: honest.data };
  };
}
