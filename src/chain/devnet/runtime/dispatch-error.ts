import { BaseError } from '../../../base';

/**
 * `sp_runtime::DispatchError` values as the metadata's type expects them, e.g.
 * `{ Module: { index: 7, error: '0x0b000000' } }` or `'BadOrigin'`.
 */
export type DispatchErrorValue =
  | 'Other'
  | 'CannotLookup'
  | 'BadOrigin'
  | 'ConsumerRemaining'
  | 'NoProviders'
  | 'TooManyConsumers'
  | { readonly Module: { readonly index: number; readonly error: `0x${string}` } }
  | { readonly Token: 'FundsUnavailable' | 'OnlyProvider' | 'BelowMinimum' | 'CannotCreate' | 'UnknownAsset' | 'Frozen' | 'Unsupported' }
  | { readonly Arithmetic: 'Underflow' | 'Overflow' | 'DivisionByZero' };

/** Thrown by a call to fail it: its storage changes are rolled back and the error is reported in `ExtrinsicFailed`. */
export class DispatchFailure extends BaseError {
  constructor(
    readonly error: DispatchErrorValue,
    readonly label: string,
  ) {
    super(label, { details: { error } });
  }
}
