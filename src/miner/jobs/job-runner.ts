import type { HostFeeds, ModelDescription, RunOptions, RunResult, SessionPool } from '../../pog';

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
  describe(model: Uint8Array, options?: { readonly sessionPool?: SessionPool }): Promise<ModelDescription>;
  /** The job service passes sessionPool 'job': job sessions have a warm cache of their own and never evict PoG's. */
  run(model: Uint8Array, feeds: HostFeeds, outputNames: readonly string[], options?: RunOptions): Promise<RunResult>;
}
