import { BaseError } from '../base';

/** Every failure of the validator that a caller handles differently: one class each, short message, structured details. */
export class ValidatorError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/** The validator's hotkey has no uid on the subnet. */
export class ValidatorNotRegisteredError extends ValidatorError {}

/** The validator was stopped while an operation waited. */
export class ValidatorStoppedError extends ValidatorError {}
