import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../../logging';
import { RunnerClosedError, WorkloadRunError, type ModelDescription, type RunResult } from '../../pog';
import {
  JOB_PROTOCOL_VERSION,
  jobRequestBodyBytes,
  modelUploadBodyBytes,
  signJobReceipt,
  tensorBytes,
  tensorsFromWire,
  tensorsHash,
  tensorsToWire,
  TensorWireError,
  type JobAnswer,
  type JobRequest,
  type ModelStored,
  type ModelUpload,
  type Tensor,
} from '../../protocol';
import { DeviceBusyError, MinerStoppingError, QueueAbortedError, RunDeadlineError } from '../errors';
import { ClientGoneError } from '../http/rejection';
import { Refusal, type RefusalReason } from '../refusal';
import type { MinerMetrics } from '../metrics/miner-metrics';
import { UNKNOWN_STAKE_PRIORITY, type DeviceQueue, type DeviceSlot } from '../scheduling/device-queue';
import { withDeadline } from '../scheduling/with-deadline';
import type { JobBounds } from './job-bounds';
import type { JobModelRunner } from './job-runner';
import { feedsOf, tensorOf, unsendableOutput } from './job-tensors';
import { ModelCache, type CachedModel } from './model-cache';

/** Jobs' place in the device queue's order: after every challenge (whose priority is a stake, or UNKNOWN_STAKE_PRIORITY). */
export const JOB_PRIORITY = UNKNOWN_STAKE_PRIORITY - 1n;

/** The queue owner a validator's jobs are counted under: a share apart from its challenges'. */
export const jobQueueOwner = (validator: string): string => `job:${validator}`;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface JobServiceOptions {
  /** Signs every receipt. */
  readonly hotkey: KeyringPair;
  readonly runner: JobModelRunner;
  /** The device queue PoG challenges use. */
  readonly queue: DeviceQueue;
  readonly bounds: JobBounds;
  readonly metrics: MinerMetrics;
  readonly logger: Logger;
}

/**
 * The compute market on the miner's side, without the transport: models uploaded by hash,
 * checked by onnxruntime and cached (ModelCache); jobs run on the device queue PoG uses, as a
 * lower class with a bounded share (docs/miner.md, "Jobs"), answered with outputs and a
 * receipt signed by the miner's hotkey. Every refusal is a Refusal with a reason code.
 */
export class JobService {
  readonly cache: ModelCache;
  /** Jobs and model loads waiting for the device, over all validators. */
  private waiting = 0;
  /** Validators with a model upload being checked (one at a time each: an upload holds up to maxModelBytes twice over). */
  private readonly uploading = new Set<string>();

  constructor(private readonly options: JobServiceOptions) {
    this.cache = new ModelCache(options.bounds.cacheBytes, options.bounds.cacheBytesPerValidator);
  }

  get bounds(): JobBounds {
    return this.options.bounds;
  }

  /** Body bound of POST /job. */
  get jobBodyBytes(): number {
    return jobRequestBodyBytes(this.options.bounds.maxInputBytes);
  }

  /** Body bound of POST /model. */
  get modelBodyBytes(): number {
    return modelUploadBodyBytes(this.options.bounds.maxModelBytes);
  }

  /**
   * Stores an uploaded model: its bytes must hash to `modelHash`, fit the bounds, and load in
   * onnxruntime (a session is created on the device, through the device queue, and kept warm).
   */
  async upload(validator: string, upload: ModelUpload, signal?: AbortSignal): Promise<ModelStored> {
    const { bounds, metrics } = this.options;
    const refuse = (reason: RefusalReason, message: string, fields: Record<string, unknown> = {}): never => {
      metrics.modelUploads.inc({ outcome: 'refused' });
      throw new Refusal(reason, message, { validator }, fields);
    };
    if (!BASE64.test(upload.model) || upload.model.length % 4 !== 0) refuse('invalid_message', 'model is not padded base64');
    const bytes = Buffer.from(upload.model, 'base64');
    if (bytes.length === 0) refuse('invalid_message', 'the model is empty');
    if (bytes.length > bounds.maxModelBytes) refuse('model_too_large', `the model has ${bytes.length} bytes; this miner takes at most ${bounds.maxModelBytes}`, { limit: bounds.maxModelBytes });
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash !== upload.modelHash) refuse('hash_mismatch', `the model's bytes hash to ${hash}, not to the claimed ${upload.modelHash}`, { modelHash: upload.modelHash, actualHash: hash });
    if (this.cache.get(hash)) {
      metrics.modelUploads.inc({ outcome: 'held' });
      return { version: JOB_PROTOCOL_VERSION, modelHash: hash, bytes: bytes.length, alreadyHeld: true };
    }
    if (!this.cache.fits(bytes.length)) refuse('model_too_large', `a model of ${bytes.length} bytes is over this miner's cache share of ${bounds.cacheBytesPerValidator} bytes per validator`, { limit: bounds.cacheBytesPerValidator });
    if (this.uploading.has(validator)) refuse('busy', 'another model upload from this validator is being checked');
    this.uploading.add(validator);
    try {
      const model = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let description: ModelDescription;
      try {
        description = await this.onDevice(validator, Date.now() + bounds.maxRunMs, signal, () => this.options.runner.describe(model, { sessionPool: 'job' }));
      } catch (error) {
        if (error instanceof WorkloadRunError) refuse('model_unloadable', `onnxruntime cannot load this model: ${error.message}`, { modelHash: hash });
        throw error;
      }
      if (description.outputNames.length === 0) refuse('model_unloadable', 'the model has no outputs', { modelHash: hash });
      const evicted = this.cache.add({ hash, bytes: model, inputNames: description.inputNames, outputNames: description.outputNames, owner: validator });
      metrics.modelUploads.inc({ outcome: 'stored' });
      metrics.modelCacheBytes.set(this.cache.bytes);
      this.options.logger.info({ validator, modelHash: hash.slice(0, 16), bytes: bytes.length, evicted: evicted.length, cacheBytes: this.cache.bytes }, 'job model stored');
      return { version: JOB_PROTOCOL_VERSION, modelHash: hash, bytes: bytes.length, alreadyHeld: false };
    } finally {
      this.uploading.delete(validator);
    }
  }

  /** Runs a job on a cached model and answers its outputs with a signed receipt. */
  async run(validator: string, request: JobRequest, signal?: AbortSignal): Promise<JobAnswer> {
    const { bounds, metrics, logger } = this.options;
    const started = performance.now();
    const deadlineAt = Date.now() + request.timeoutMs;
    const model = this.cache.get(request.modelHash);
    if (!model) throw new Refusal('model_missing', `this miner does not hold model ${request.modelHash}; upload it with POST /model`, {}, { modelHash: request.modelHash });
    const inputs = this.decodeInputs(request, model);
    let result: RunResult;
    try {
      result = await this.onDevice(validator, deadlineAt, signal, () =>
        this.options.runner.run(model.bytes, feedsOf(inputs), model.outputNames, { transferFeeds: true, sessionPool: 'job' }),
      );
    } catch (error) {
      if (error instanceof ClientGoneError) metrics.jobs.inc({ outcome: 'aborted' });
      else if (!(error instanceof Refusal && error.reason === 'busy')) metrics.jobs.inc({ outcome: 'failed' });
      if (error instanceof WorkloadRunError) throw new Refusal('run_failed', `the model failed on this miner: ${error.message}`);
      throw error;
    }
    const outputs: Tensor[] = [];
    for (const name of model.outputNames) {
      const output = result.outputs[name];
      const problem = output ? unsendableOutput(name, output) : `output "${name}" is missing from the run`;
      if (problem) {
        metrics.jobs.inc({ outcome: 'failed' });
        throw new Refusal('unsupported_output', problem);
      }
      outputs.push(tensorOf(name, output!));
    }
    const outputBytes = tensorBytes(outputs);
    if (outputBytes > bounds.maxOutputBytes) {
      metrics.jobs.inc({ outcome: 'failed' });
      throw new Refusal('output_too_large', `the outputs have ${outputBytes} bytes; this miner returns at most ${bounds.maxOutputBytes}`, {}, { limit: bounds.maxOutputBytes });
    }
    if (signal?.aborted) {
      metrics.jobs.inc({ outcome: 'aborted' });
      throw new ClientGoneError('the client left during the job');
    }
    const sorted = outputs.sort((a, b) => (a.name < b.name ? -1 : 1));
    const receipt = signJobReceipt(this.options.hotkey, {
      jobId: request.jobId,
      miner: this.options.hotkey.address,
      modelHash: request.modelHash,
      inputHash: tensorsHash(inputs),
      outputHash: tensorsHash(sorted),
      deviceMs: Math.round((result.timings.sessionCreateMs + result.timings.runMs) * 1000) / 1000,
      finishedAtMs: Date.now(),
    });
    const totalMs = performance.now() - started;
    metrics.jobs.inc({ outcome: 'served' });
    metrics.jobDuration.observe(totalMs / 1000);
    logger.info({ validator, jobId: request.jobId, modelHash: request.modelHash.slice(0, 16), deviceMs: receipt.deviceMs, totalMs, outputBytes }, 'job served');
    return { version: JOB_PROTOCOL_VERSION, outputs: tensorsToWire(sorted), receipt };
  }

  /** The request's inputs, decoded within the bounds and naming exactly the model's inputs. */
  private decodeInputs(request: JobRequest, model: CachedModel): Tensor[] {
    let inputs: Tensor[];
    try {
      inputs = tensorsFromWire(request.inputs, this.options.bounds.maxInputBytes);
    } catch (error) {
      if (!(error instanceof TensorWireError)) throw error;
      if (error.code === 'too_large') throw new Refusal('input_too_large', error.message, {}, { limit: this.options.bounds.maxInputBytes });
      throw new Refusal('invalid_inputs', error.message);
    }
    const given = new Set(inputs.map((t) => t.name));
    const missing = model.inputNames.find((n) => !given.has(n));
    if (missing !== undefined) throw new Refusal('invalid_inputs', `input "${missing}" of the model is missing`);
    const unknown = inputs.find((t) => !model.inputNames.includes(t.name));
    if (unknown) throw new Refusal('invalid_inputs', `the model has no input "${unknown.name}"`);
    return inputs;
  }

  /**
   * Runs `work` holding the device: queued as this validator's job (its own share, after every
   * waiting challenge in each cycle, never displacing anyone), withdrawn when `deadlineAt`
   * passes or the client leaves, and cut at min(deadlineAt, maxRunMs) once running.
   */
  private async onDevice<T>(validator: string, deadlineAt: number, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const { queue, bounds } = this.options;
    if (queue.busy && this.waiting >= bounds.maxQueuedJobs) {
      throw new Refusal('busy', `the device is busy and ${this.waiting} job(s) already wait, every place jobs may take`, {}, { maxQueuedJobs: bounds.maxQueuedJobs });
    }
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort();
    }, Math.max(0, deadlineAt - Date.now()));
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let slot: DeviceSlot;
    this.waiting++;
    try {
      slot = await queue.acquire({ owner: jobQueueOwner(validator), priority: JOB_PRIORITY, perOwner: bounds.jobsPerValidator, mayDisplace: false, signal: controller.signal });
    } catch (error) {
      if (error instanceof DeviceBusyError) throw new Refusal('busy', error.message);
      if (error instanceof MinerStoppingError) throw new Refusal('shutting_down', error.message);
      if (error instanceof QueueAbortedError) {
        if (expired) throw new Refusal('job_deadline', 'the job waited for the device past its timeout');
        throw new ClientGoneError(error.message);
      }
      throw error;
    } finally {
      this.waiting--;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    const runMs = Math.min(bounds.maxRunMs, deadlineAt - Date.now());
    if (runMs <= 0) {
      slot.release();
      throw new Refusal('job_deadline', 'the job got the device after its timeout');
    }
    let overran = false;
    try {
      const running = work();
      return await withDeadline(running, runMs, () => {
        overran = true;
        void running.then(() => slot.release(), () => slot.release());
      });
    } catch (error) {
      if (error instanceof RunDeadlineError) throw new Refusal('job_deadline', error.message, {}, { deadlineMs: runMs });
      if (error instanceof RunnerClosedError) throw new Refusal('runner_unavailable', `the runner is not available: ${error.message}`);
      throw error;
    } finally {
      if (!overran) slot.release();
    }
  }
}
