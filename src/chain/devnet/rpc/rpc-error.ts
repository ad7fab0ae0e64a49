import { BaseError } from '../../../base';

/**
 * A JSON-RPC error with Substrate's code, message and data, e.g.
 * `new RpcError(1010, 'Invalid Transaction', 'Transaction has a bad signature')`.
 */
export class RpcError extends BaseError {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message, { details: { code } });
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}
