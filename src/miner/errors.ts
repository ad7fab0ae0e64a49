import { BaseError } from '../base';
/**
 * Errors raised by the miner service. One class per failure mode a caller handles
 * differently; each carries a short message and structured details.
 */
export class MinerError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/**
 * The miner's hotkey has no uid on the subnet. The message is the one line an operator
 * needs, including the `pog register` command to run; the CLI exits with code 2.
 */
export class NotRegisteredError extends MinerError {
  override get exitCode(): number {
    return 2;
  }
}

/** The device's queue is full: the request is answered 503 `busy` at once. */
export class DeviceBusyError extends MinerError {}

/** A queued request was withdrawn before it got the device (its client went away, or the miner is stopping). */
export class QueueAbortedError extends MinerError {}

/** The miner is stopping and takes no new work. */
export class MinerStoppingError extends MinerError {}

/** A run outlived its wall-time deadline: the validator is answered 503 `run_deadline` at once. */
export class RunDeadlineError extends MinerError {}
