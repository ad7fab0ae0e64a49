export {
  WorkloadRunner,
  CUDA_UNAVAILABLE_MESSAGE,
  type RunnerLogger,
  type RunnerStartOptions,
  type RunResult,
  type ModelDescription,
  type RunOptions,
  type RunTimings,
  type WorkloadResult,
  type WorkloadTimings,
} from './runner';
export { listExecutionProviders, probeDevice, type ExecutionProviderInfo } from './execution-providers';
export type { RunnerDevice, SessionPool, WorkerTimings } from './worker-protocol';
