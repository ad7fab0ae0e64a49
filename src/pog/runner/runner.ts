import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { ExecutionProviderUnavailableError, RunnerClosedError, WorkloadRunError } from '../errors';
import { buildWorkloadModel, workloadFeeds, WORKLOAD_OUTPUT, type HostFeeds, type HostTensor } from '../onnx';
import { parseWorkloadParams, type WorkloadParams } from '../workload/params';
import { buildProbeModel } from './probe-model';
import type { RunnerDevice, SessionPool, WorkerOptions, WorkerReply, WorkerRequest, WorkerTimings } from './worker-protocol';

export const CUDA_UNAVAILABLE_MESSAGE =
  "the CUDA execution provider is not installed: run `npm run setup:cuda` on a Linux x64 host with the NVIDIA driver, CUDA 12 and cuDNN 9 (see README, 'GPU miners')";

/** The subset of a pino logger the runner writes to. */
export interface RunnerLogger {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RunnerStartOptions {
  readonly device: RunnerDevice;
  /** CUDA device ordinal; 0 when absent. */
  readonly deviceId?: number;
  /** onnxruntime intra-op threads; one per core when absent. */
  readonly threads?: number;
  readonly logger?: RunnerLogger;
}

export interface RunTimings extends WorkerTimings {
  /** Wall time seen by the caller: queueing, transfers to and from the worker, session and run. */
  readonly totalMs: number;
}

export interface RunResult {
  readonly outputs: Record<string, HostTensor>;
  readonly timings: RunTimings;
  /** The feeds back from the worker, for reuse (run's returnFeeds option). */
  readonly feeds?: HostFeeds;
}

export interface WorkloadTimings {
  /** session.run of the workload model: in-graph generation plus the whole chain. */
  readonly generateAndComputeMs: number;
  /** 0 when the session for these parameters was already warm. */
  readonly sessionCreateMs: number;
  readonly sessionCached: boolean;
  /** Building the model (first time per parameter set) and the feeds on the host. */
  readonly prepareMs: number;
  /** Wall time of runWorkload. */
  readonly totalMs: number;
}

export interface WorkloadResult {
  /** Y, row-major rows × headWidth. */
  readonly output: Float32Array;
  readonly timings: WorkloadTimings;
}

export interface RunOptions {
  /** Move the feeds' buffers to the worker instead of copying them (the caller's arrays are then detached). */
  readonly transferFeeds?: boolean;
  /** The warm-session cache the model's session lives in (default 'pog'). */
  readonly sessionPool?: SessionPool;
  /** With transferFeeds: the worker sends the feeds' buffers back after the run, for reuse (RunResult.feeds). */
  readonly returnFeeds?: boolean;
}

/** A model as onnxruntime loaded it. */
export interface ModelDescription {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** 0 when the session was already warm. */
  readonly sessionCreateMs: number;
}

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
}

const WORKER_PATH = join(__dirname, 'ort-worker.js');
const SILENT: RunnerLogger = { debug: () => undefined, warn: () => undefined };
const MODEL_CACHE_LIMIT = 8;

/**
 * Runs ONNX models with onnxruntime-node in a dedicated worker thread, so a workload that
 * keeps the device busy for seconds never blocks the caller's event loop. Runs are queued and
 * execute one at a time; sessions are cached in the worker by model hash and options.
 */
export class WorkloadRunner {
  private readonly pending = new Map<number, Pending>();
  private readonly models = new Map<string, Uint8Array>();
  private nextId = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private closedReason: string | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly device: RunnerDevice,
    private readonly logger: RunnerLogger,
  ) {
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error) => this.onDeath(`the runner's worker thread failed: ${error.message}`));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        this.onDeath(`the runner's worker thread exited with code ${code}`);
        resolve();
      });
    });
  }

  /**
   * Starts the worker and proves the execution provider works by running a probe model.
   * Rejects with ExecutionProviderUnavailableError when the provider cannot be loaded.
   */
  static async start(options: RunnerStartOptions): Promise<WorkloadRunner> {
    const logger = options.logger ?? SILENT;
    const workerOptions: WorkerOptions = {
      device: options.device,
      deviceId: options.deviceId ?? 0,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
    };
    const runner = new WorkloadRunner(new Worker(WORKER_PATH), options.device, logger);
    const started = performance.now();
    let reply: WorkerReply;
    try {
      reply = await runner.request({ kind: 'init', options: workerOptions, probeModel: buildProbeModel() }, 0);
    } catch (error) {
      await runner.close();
      throw error;
    }
    if (reply.kind === 'init-error') {
      await runner.close();
      throw startError(workerOptions, reply.message, reply.providerUnavailable);
    }
    logger.debug({ ...workerOptions, startMs: performance.now() - started }, 'onnxruntime worker ready');
    return runner;
  }

  /**
   * Runs `model` on `feeds` and returns the named outputs (after any queued runs finish).
   * With `transferFeeds` the feeds' buffers move to the worker instead of being copied (the
   * validator's reference feeds are half a gigabyte); the caller's arrays are then detached.
   * With `returnFeeds` as well, they come back in the result's `feeds`, to be filled again.
   */
  run(model: Uint8Array, feeds: HostFeeds, outputNames: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const started = performance.now();
    const transfer = options.transferFeeds ? transferableBuffers(feeds) : [];
    const result = this.tail.then(async (): Promise<RunResult> => {
      const id = this.nextId++;
      const returnFeeds = options.returnFeeds === true && options.transferFeeds === true;
      const reply = await this.request(
        { kind: 'run', id, model, feeds, outputNames, ...(options.sessionPool ? { sessionPool: options.sessionPool } : {}), ...(returnFeeds ? { returnFeeds } : {}) },
        id,
        transfer,
      );
      if (reply.kind === 'run-error') {
        const action = reply.phase === 'session' ? 'create a session' : 'run the model';
        throw new WorkloadRunError(`onnxruntime failed to ${action} on ${this.device}: ${reply.message}`, { phase: reply.phase });
      }
      if (reply.kind !== 'result') throw new WorkloadRunError(`unexpected reply ${reply.kind} from the runner's worker`);
      const timings = { ...reply.timings, totalMs: performance.now() - started };
      this.logger.debug({ device: this.device, ...timings }, 'model run');
      return { outputs: reply.outputs, timings, ...(reply.feeds ? { feeds: reply.feeds } : {}) };
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Loads `model` into a session (kept warm for the runs that follow, after any queued runs)
   * and names its inputs and outputs. Rejects with WorkloadRunError (phase 'session') when
   * onnxruntime cannot load it: not ONNX, an unknown operator, external data, …
   */
  describe(model: Uint8Array, options: { readonly sessionPool?: SessionPool } = {}): Promise<ModelDescription> {
    const result = this.tail.then(async (): Promise<ModelDescription> => {
      const id = this.nextId++;
      const reply = await this.request({ kind: 'describe', id, model, ...(options.sessionPool ? { sessionPool: options.sessionPool } : {}) }, id);
      if (reply.kind === 'run-error') throw new WorkloadRunError(`onnxruntime failed to create a session on ${this.device}: ${reply.message}`, { phase: reply.phase });
      if (reply.kind !== 'described') throw new WorkloadRunError(`unexpected reply ${reply.kind} from the runner's worker`);
      return { inputNames: reply.inputNames, outputNames: reply.outputNames, sessionCreateMs: reply.sessionCreateMs };
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs the PoG workload for `seed`: generation and the chain on the device, Y back as float32. */
  async runWorkload(seed: Uint8Array, params: WorkloadParams): Promise<WorkloadResult> {
    const started = performance.now();
    const p = parseWorkloadParams(params);
    const model = this.workloadModel(p);
    const feeds = workloadFeeds(seed, p);
    const prepareMs = performance.now() - started;
    const { outputs, timings } = await this.run(model, feeds, [WORKLOAD_OUTPUT]);
    const y = outputs[WORKLOAD_OUTPUT];
    if (!y || y.type !== 'float32' || y.data.length !== p.rows * p.headWidth) {
      throw new WorkloadRunError('the workload model returned no float32 Y of rows × headWidth', { type: y?.type, dims: y?.dims });
    }
    return {
      output: y.data,
      timings: {
        generateAndComputeMs: timings.runMs,
        sessionCreateMs: timings.sessionCreateMs,
        sessionCached: timings.sessionCached,
        prepareMs,
        totalMs: performance.now() - started,
      },
    };
  }

  /**
   * Stops the worker; queued and in-flight runs reject with RunnerClosedError at once.
   * Resolves when the thread has exited, which waits for a run already inside onnxruntime to
   * finish: terminating a worker mid-run aborts the process in onnxruntime-node. Idempotent.
   */
  close(): Promise<void> {
    if (!this.closing) {
      const exited = this.exited;
      this.markClosed('the runner was closed');
      this.worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
      this.closing = exited;
    }
    return this.closing;
  }

  private workloadModel(p: WorkloadParams): Uint8Array {
    const key = JSON.stringify([p.rows, p.width, p.headWidth, p.depth, p.poolSize, p.datapath]);
    let model = this.models.get(key);
    if (!model) {
      if (this.models.size >= MODEL_CACHE_LIMIT) this.models.delete(this.models.keys().next().value!);
      model = buildWorkloadModel(p);
      this.models.set(key, model);
    }
    return model;
  }

  private request(message: WorkerRequest, id: number, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.closedReason !== undefined) return Promise.reject(new RunnerClosedError(this.closedReason));
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  private onReply(reply: WorkerReply): void {
    const id = reply.kind === 'result' || reply.kind === 'run-error' || reply.kind === 'described' ? reply.id : 0;
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.resolve(reply);
  }

  private onDeath(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.logger.warn({ device: this.device, pending: this.pending.size }, reason);
    this.markClosed(reason);
  }

  private markClosed(reason: string): void {
    this.closedReason ??= reason;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new RunnerClosedError(this.closedReason));
  }
}

/** Each feed's buffer once (feeds may share one), where the feed spans all of it. */
function transferableBuffers(feeds: HostFeeds): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { data } of Object.values(feeds)) {
    if (data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) buffers.add(data.buffer);
  }
  return [...buffers];
}

function startError(options: WorkerOptions, message: string, providerUnavailable: boolean): Error {
  if (options.device === 'cuda' && providerUnavailable) {
    return new ExecutionProviderUnavailableError(CUDA_UNAVAILABLE_MESSAGE, { device: 'cuda', cause: message });
  }
  if (options.device === 'cuda') {
    const firstLine = message.split('\n')[0];
    return new ExecutionProviderUnavailableError(`the CUDA execution provider failed on device ${options.deviceId}: ${firstLine}`, {
      device: 'cuda',
      deviceId: options.deviceId,
      cause: message,
    });
  }
  return new WorkloadRunError(`onnxruntime failed to start on ${options.device}: ${message}`, { device: options.device });
}
