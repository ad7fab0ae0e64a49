import type { RpcError } from '../rpc/rpc-error';
import { InvalidTransaction } from './invalid-transaction';

/**
 * Subtensor's `CustomTransactionError` codes (common/src/transaction_error.rs; the same
 * numbers 0–13 and 255 in spec 293's pallets/subtensor/src/lib.rs): its transaction extension
 * refuses a call in the pool with `InvalidTransaction::Custom(n)`, mapping the pallet error
 * the call's validation raised (`result_to_validity` / `From<Error<T>>`). Any other error is
 * `BadRequest` (255).
 */
const CODE_OF_ERROR: Readonly<Record<string, number>> = {
  AmountTooLow: 1,
  NotEnoughStakeToSetWeights: 1,
  NotEnoughBalanceToStake: 2,
  SubnetNotExists: 3,
  HotKeyAccountNotExists: 4,
  NotEnoughStakeToWithdraw: 5,
  CommittingWeightsTooFast: 6,
  SettingWeightsTooFast: 6,
  NetworkTxRateLimitExceeded: 6,
  InsufficientLiquidity: 7,
  SlippageTooHigh: 8,
  TransferDisallowed: 9,
  HotKeyNotRegisteredInNetwork: 10,
  InvalidIpAddress: 11,
  ServingRateLimitExceeded: 12,
  InvalidPort: 13,
};
export const BAD_REQUEST = 255;

/** The custom code for a SubtensorModule error raised by a pool-time check. */
export function customCodeOf(error: string): number {
  return CODE_OF_ERROR[error] ?? BAD_REQUEST;
}

/** `Invalid(Custom(n))`, as the node's pool returns it: 1010 "Invalid Transaction", data "Custom error: n". */
export function customInvalid(code: number): RpcError {
  return InvalidTransaction.custom(code);
}

/** Thrown by `RuntimeContext.error` during a pool-time check: the pallet error the check raised. */
export class PoolCheckFailure extends Error {
  constructor(readonly pallet: string, readonly error: string) {
    super(`${pallet}.${error}`);
    this.name = 'PoolCheckFailure';
  }
}
