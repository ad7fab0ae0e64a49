import { MAX_INPUT_BYTES, MAX_MODEL_BYTES, MAX_OUTPUT_BYTES } from '../../protocol';

/** What one validator (or gateway) can make the miner spend on jobs (docs/miner.md, "Jobs"). */
export interface JobBounds {
  /** Largest model accepted by POST /model (at most src/protocol's MAX_MODEL_BYTES, 64 MiB). */
  readonly maxModelBytes: number;
  /** Most input data per job, all tensors together. */
  readonly maxInputBytes: number;
  /** Most output data per job; a run returning more is refused with 422 output_too_large. */
  readonly maxOutputBytes: number;
  /** Longest one run (or one model load) may hold the device, whatever the request's timeoutMs. */
  readonly maxRunMs: number;
  /** Bytes of models held, over all validators. */
  readonly cacheBytes: number;
  /** Bytes of models one validator's uploads may hold. */
  readonly cacheBytesPerValidator: number;
  /** Jobs (and model loads) one validator may have running and waiting together. */
  readonly jobsPerValidator: number;
  /** Jobs waiting for the device over all validators: the device queue places jobs may take. */
  readonly maxQueuedJobs: number;
}

export const DEFAULT_JOB_BOUNDS: JobBounds = {
  maxModelBytes: MAX_MODEL_BYTES,
  maxInputBytes: MAX_INPUT_BYTES,
  maxOutputBytes: MAX_OUTPUT_BYTES,
  maxRunMs: 60_000,
  cacheBytes: 512 * 2 ** 20,
  cacheBytesPerValidator: 256 * 2 ** 20,
  jobsPerValidator: 2,
  maxQueuedJobs: 8,
};

/** `partial` over the defaults, checked: wire ceilings are not raised, every bound positive. */
export function jobBounds(partial: Partial<JobBounds> = {}): JobBounds {
  const b = { ...DEFAULT_JOB_BOUNDS, ...partial };
  for (const [name, value] of Object.entries(b)) if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`job bound ${name} must be a positive integer`);
  if (b.maxModelBytes > MAX_MODEL_BYTES) throw new RangeError(`maxModelBytes is at most ${MAX_MODEL_BYTES} (the wire's bound)`);
  if (b.maxInputBytes > MAX_INPUT_BYTES) throw new RangeError(`maxInputBytes is at most ${MAX_INPUT_BYTES} (the wire's bound)`);
  if (b.maxOutputBytes > MAX_OUTPUT_BYTES) throw new RangeError(`maxOutputBytes is at most ${MAX_OUTPUT_BYTES} (the wire's bound)`);
  if (b.cacheBytesPerValidator > b.cacheBytes) throw new RangeError('cacheBytesPerValidator must not exceed cacheBytes');
  return b;
}
