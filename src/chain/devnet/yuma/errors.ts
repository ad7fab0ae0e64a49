import { BaseError } from '../../../base';

/**
 * An epoch input that breaks the function's contract: vectors of unequal length, a uid outside
 * the subnet, a u16 parameter outside 0..65535, a negative amount. `field` names the offending
 * input field (e.g. `weights[3]`), so the chain can log it next to the netuid.
 */
export class EpochInputError extends BaseError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(`${field}: ${message}`, { details: { field } });
  }
}
