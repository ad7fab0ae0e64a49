import type { HostTensor } from '../onnx/host-tensor';

/**
 * Messages between WorkloadRunner (main thread) and ort-worker.js. Types only: the worker is
 * plain JavaScript and refers to these through JSDoc imports.
 */
export type RunnerDevice = 'cpu' | 'cuda';

export interface WorkerOptions {
  readonly device: RunnerDevice;
  readonly deviceId: number;
  /** intraOpNumThreads; absent lets onnxruntime choose (one per core). */
  readonly threads?: number;
}

export interface InitRequest {
  readonly kind: 'init';
  readonly options: WorkerOptions;
  /** A tiny model (input 'x' float32[1], output 'y' = x + x) run once on the device as a probe. */
  readonly probeModel: Uint8Array;
}

/** Which warm-session cache a model's session lives in: PoG's, or compute-market jobs' (so jobs never evict PoG sessions). */
export type SessionPool = 'pog' | 'job';

export interface RunRequest {
  readonly kind: 'run';
  readonly id: number;
  readonly model: Uint8Array;
  /** Default 'pog'. */
  readonly sessionPool?: SessionPool;
  readonly feeds: Record<string, HostTensor>;
  readonly outputNames: readonly string[];
  /** Send the feeds' buffers back with the result, so that the caller can reuse them. */
  readonly returnFeeds?: boolean;
}

/** Create (or find cached) the session for `model` and name its inputs and outputs: proves onnxruntime loads it. */
export interface DescribeRequest {
  readonly kind: 'describe';
  readonly id: number;
  readonly model: Uint8Array;
  readonly sessionPool?: SessionPool;
}

/** Release every session and exit once the runs before it are done. */
export interface CloseRequest {
  readonly kind: 'close';
}

export type WorkerRequest = InitRequest | RunRequest | DescribeRequest | CloseRequest;

export interface ReadyReply {
  readonly kind: 'ready';
}

export interface InitErrorReply {
  readonly kind: 'init-error';
  readonly message: string;
  /** True when onnxruntime could not load the execution provider's libraries. */
  readonly providerUnavailable: boolean;
}

/** Phase timings measured inside the worker with performance.now(). */
export interface WorkerTimings {
  /** Creating (loading and optimising) the session; 0 when a cached session was used. */
  readonly sessionCreateMs: number;
  /** session.run: for the workload model, generation plus the whole matrix chain. */
  readonly runMs: number;
  readonly sessionCached: boolean;
}

export interface ResultReply {
  readonly kind: 'result';
  readonly id: number;
  readonly outputs: Record<string, HostTensor>;
  readonly timings: WorkerTimings;
  /** The request's feeds, their buffers transferred back (only when it asked: returnFeeds). */
  readonly feeds?: Record<string, HostTensor>;
}

export interface RunErrorReply {
  readonly kind: 'run-error';
  readonly id: number;
  readonly phase: 'session' | 'run';
  readonly message: string;
}

export interface DescribedReply {
  readonly kind: 'described';
  readonly id: number;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly sessionCreateMs: number;
}

export type WorkerReply = ReadyReply | InitErrorReply | ResultReply | RunErrorReply | DescribedReply;
