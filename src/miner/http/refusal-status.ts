import type { Refusal, RefusalReason } from '../refusal';
import { Rejection } from './rejection';

/** The HTTP status the axon answers each refusal with. */
export const REFUSAL_STATUS: Readonly<Record<RefusalReason, number>> = {
  wrong_device: 400,
  unauditable_params: 400,
  over_device_memory: 400,
  over_work_cap: 400,
  unknown_challenge: 404,
  row_out_of_range: 400,
  invalid_message: 400,
  invalid_inputs: 400,
  input_too_large: 413,
  model_too_large: 413,
  model_missing: 409,
  hash_mismatch: 422,
  model_unloadable: 422,
  unsupported_output: 422,
  output_too_large: 422,
  busy: 503,
  shutting_down: 503,
  run_deadline: 503,
  job_deadline: 503,
  runner_unavailable: 503,
  run_failed: 500,
};

/** A service's refusal as the answer the axon sends. */
export function rejectionOf(refusal: Refusal): Rejection {
  return new Rejection(REFUSAL_STATUS[refusal.reason], refusal.reason, refusal.message, {}, refusal.fields);
}
