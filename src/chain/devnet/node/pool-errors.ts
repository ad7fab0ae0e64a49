import { RpcError } from '../rpc/rpc-error';

/**
 * The transaction pool's own refusals (its limits, not the runtime's validity checks),
 * with the codes and texts of Substrate's `sc_rpc_api::author::error`.
 */
export const POOL_IMMEDIATELY_DROPPED = 1016;
const POOL_INVALID_TX = 1010;

/** A queue (ready, future, or one account's share of future) is full. */
export function immediatelyDropped(): RpcError {
  return new RpcError(POOL_IMMEDIATELY_DROPPED, 'Immediately Dropped', "The transaction couldn't enter the pool because of the limit");
}

/**
 * The nonce is further ahead of the account's next one than the pool keeps transactions
 * for. Substrate has no such limit; the text is `InvalidTransaction::Future`'s.
 */
export function nonceTooFarAhead(): RpcError {
  return new RpcError(POOL_INVALID_TX, 'Invalid Transaction', 'Transaction will be valid in the future');
}
