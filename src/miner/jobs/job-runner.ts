import type { HostFeeds, ModelDescription, RunResult } from '../../pog';

/**
 * What runs job models: the same WorkloadRunner that runs PoG challenges (src/pog/runner), so
 * jobs and challenges share one onnxruntime worker thread, its session cache and the device.
 * Runs happen in that worker, not on the main thread, because InferenceSession.run is a
 * synchronous native call: on the main thread a job of seconds would stall the axon (and its
 * PoG answers and deadlines) for as long. Only the device queue decides who runs next; the
 * worker runs what it is handed one at a time.
 */
export interface JobModelRunner {
  /** Creates (or finds warm) the model's session and names its inputs and outputs; rejects when onnxruntime cannot load it. */
  describe(model: Uint8Array): Promise<ModelDescription>;
  run(model: Uint8Array, feeds: HostFeeds, outputNames: readonly string[], options?: { readonly transferFeeds?: boolean }): Promise<RunResult>;
}
