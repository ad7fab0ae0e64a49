import { RpcError } from '../rpc/rpc-error';

/**
 * The errors a Substrate node's transaction pool returns from `author_submitExtrinsic`,
 * with its codes and messages (sc_rpc_api::author::error).
 */
export const POOL_INVALID_TX = 1010;
export const BAD_FORMAT = 1001;
export const POOL_ALREADY_IMPORTED = 1013;
export const POOL_TOO_LOW_PRIORITY = 1014;

function invalid(data: string): RpcError {
  return new RpcError(POOL_INVALID_TX, 'Invalid Transaction', data);
}

export const InvalidTransaction = {
  badProof: () => invalid('Transaction has a bad signature'),
  stale: () => invalid('Transaction is outdated'),
  payment: () => invalid('Inability to pay some fees (e.g. account balance too low)'),
  ancientBirthBlock: () => invalid('Transaction has an ancient birth block'),
  call: () => invalid('Transaction call is not expected'),
  badSigner: () => invalid('Invalid signing address'),
  /** `InvalidTransaction::Custom(n)`: a runtime's own refusal (subtensor's CustomTransactionError). */
  custom: (code: number) => invalid(`Custom error: ${code}`),
};

export function badFormat(detail: string): RpcError {
  return new RpcError(BAD_FORMAT, 'Extrinsic has invalid format', detail);
}

export function alreadyImported(): RpcError {
  return new RpcError(POOL_ALREADY_IMPORTED, 'Transaction Already Imported');
}

export function tooLowPriority(): RpcError {
  return new RpcError(POOL_TOO_LOW_PRIORITY, 'Priority is too low: (0 vs 0)', 'The transaction has too low priority to replace another transaction already in the pool.');
}
