/** Every failure of the validator that a caller handles differently: one class each, short message, structured details. */
export class ValidatorError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The state directory holds a file that does not parse or fails its checksum: refuse to run rather than lose history. */
export class StateCorruptError extends ValidatorError {}

/** The state directory belongs to another subnet or another validator hotkey. */
export class StateMismatchError extends ValidatorError {}

/** The validator's hotkey has no uid on the subnet. */
export class ValidatorNotRegisteredError extends ValidatorError {}

/** The validator was stopped while an operation waited. */
export class ValidatorStoppedError extends ValidatorError {}
