import { MinerError } from './errors';

/**
 * Why the miner's services refuse work, as stable reason codes; src/miner/http/refusal-status.ts
 * maps each to the HTTP status the axon answers with, so no service knows about HTTP.
 */
export type RefusalReason =
  // A challenge or an audit the miner will not serve.
  | 'wrong_device'
  | 'unauditable_params'
  | 'over_device_memory'
  | 'over_work_cap'
  | 'unknown_challenge'
  | 'row_out_of_range'
  // A job or a model upload.
  | 'invalid_message'
  | 'invalid_inputs'
  | 'input_too_large'
  | 'model_too_large'
  | 'model_missing'
  | 'hash_mismatch'
  | 'model_unloadable'
  | 'unsupported_output'
  | 'output_too_large'
  // The device or the runner, for any work.
  | 'busy'
  | 'shutting_down'
  | 'run_deadline'
  | 'job_deadline'
  | 'runner_unavailable'
  | 'run_failed';

/** A refusal by one of the miner's services; `fields` are extra machine-readable parts of the answer (e.g. the bound broken). */
export class Refusal extends MinerError {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    details: Record<string, unknown> = {},
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message, { ...details, reason });
  }
}
