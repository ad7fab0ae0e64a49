import { BaseError } from '../../../base';

/** The data directory holds a chain this node cannot resume (another genesis, missing state). */
export class DevnetDataError extends BaseError {
  constructor(message: string) {
    super(`${message}; start with --reset to discard it`);
  }
}
