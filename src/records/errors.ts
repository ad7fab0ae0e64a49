import { BaseError } from '../base';

/** Failures reading a validator's records (state.json, evidence files): short message, structured details. */
export class RecordsError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/** The state directory holds a file that does not parse or fails its checksum: refuse to run rather than lose history. */
export class StateCorruptError extends RecordsError {}

/** The state directory belongs to another subnet or another validator hotkey. */
export class StateMismatchError extends RecordsError {}
