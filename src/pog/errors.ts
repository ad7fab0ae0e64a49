import { BaseError } from '../base';
/**
 * Errors raised by the PoG core. One class per failure mode a caller handles differently;
 * each carries a short message and structured details.
 */
export class PogError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/** Workload parameters that are out of range or inconsistent. */
export class InvalidParamsError extends PogError {
  /** Bad input the user can fix: the CLI exits with code 2. */
  override get exitCode(): number {
    return 2;
  }
}

/** A seed that is not 32 bytes. */
export class InvalidSeedError extends PogError {}

/** The requested execution provider cannot be loaded on this host. */
export class ExecutionProviderUnavailableError extends PogError {}

/** onnxruntime failed while creating a session or running a workload. */
export class WorkloadRunError extends PogError {}

/** The worker thread that runs workloads died or was terminated. */
export class RunnerClosedError extends PogError {}

/** A Merkle proof or opening does not match the commitment. */
export class CommitmentMismatchError extends PogError {}
