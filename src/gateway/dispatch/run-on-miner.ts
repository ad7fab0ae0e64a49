import { MinerAnswerError, MinerTimeoutError } from '../errors';
import type { Job } from '../jobs/jobs';
import { tensorsHash, type Tensor } from '../jobs/tensors';
import type { ModelStore } from '../models/model-store';
import type { ExecuteJob, JobMiner, JobOutcome } from './execute-job';

/** Most bytes of outputs a job may return (all tensors together): what the gateway stores and serves. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Runs `job` on `miner` through ExecuteJob within `timeoutMs` (aborted and refused as a
 * timeout past it, even where the client ignores the signal), then checks the answer against
 * what the gateway itself knows: the receipt names this job, this miner, the model and the
 * input hash the gateway stored; the output hash is the hash of the outputs; the outputs are
 * the model's declared ones, bounded in size. Any failure is a retryable MinerAnswerError.
 */
export async function runOnMiner(execute: ExecuteJob, models: ModelStore, job: Job, inputs: readonly Tensor[], miner: JobMiner, timeoutMs: number, signal: AbortSignal): Promise<JobOutcome> {
  if (timeoutMs <= 0) throw new MinerTimeoutError(miner.hotkey, 0);
  const model = await models.get(job.model);
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener('abort', onAbort);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new MinerTimeoutError(miner.hotkey, timeoutMs));
    }, timeoutMs);
  });
  let outcome: JobOutcome;
  try {
    outcome = await Promise.race([
      execute(miner, { jobId: job.id, modelHash: job.model, modelBytes: async () => Buffer.from(await models.data(job.model)), inputs, timeoutMs }, abort.signal),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
  const bad = (reason: string) => new MinerAnswerError(miner.hotkey, reason);
  const r = outcome.receipt;
  if (r.jobId !== job.id) throw bad(`its receipt names job ${r.jobId}`);
  if (r.miner !== miner.hotkey) throw bad(`its receipt is from ${r.miner}`);
  if (r.modelHash !== job.model) throw bad('its receipt names another model');
  if (r.inputHash !== job.inputHash) throw bad('its receipt names other inputs');
  const bytes = outcome.outputs.reduce((n, t) => n + t.data.length, 0);
  if (bytes > MAX_OUTPUT_BYTES) throw bad(`${bytes} bytes of outputs, over the ${MAX_OUTPUT_BYTES} limit`);
  const names = outcome.outputs.map((t) => t.name).sort();
  const declared = model.outputs.map((o) => o.name).sort();
  if (names.join('\0') !== declared.join('\0')) throw bad(`outputs ${names.join(', ')}; the model declares ${declared.join(', ')}`);
  if (tensorsHash(outcome.outputs) !== r.outputHash) throw bad('the output hash does not match the outputs');
  return outcome;
}
