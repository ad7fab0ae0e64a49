/**
 * Names of subtensor's `CustomTransactionError` codes (common/src/transaction_error.rs at
 * HEAD; 0–13 and 255 are the same on spec 293), which a node's pool returns as
 * `1010: Invalid Transaction: Custom error: n` when subtensor's transaction extension refuses
 * a call (a stake below the minimum, an axon at 127.0.0.1, serving too often …).
 */
const NAMES: Readonly<Record<number, string>> = {
  0: 'ColdkeyInSwapSchedule',
  1: 'StakeAmountTooLow',
  2: 'BalanceTooLow',
  3: 'SubnetNotExists',
  4: 'HotkeyAccountDoesntExist',
  5: 'NotEnoughStakeToWithdraw',
  6: 'RateLimitExceeded',
  7: 'InsufficientLiquidity',
  8: 'SlippageTooHigh',
  9: 'TransferDisallowed',
  10: 'HotKeyNotRegisteredInNetwork',
  11: 'InvalidIpAddress',
  12: 'ServingRateLimitExceeded',
  13: 'InvalidPort',
  14: 'ZeroMaxAmount',
  15: 'InvalidRevealRound',
  16: 'CommitNotFound',
  17: 'CommitBlockNotInRevealRange',
  18: 'InputLengthsUnequal',
  19: 'UidNotFound',
  20: 'EvmKeyAssociateRateLimitExceeded',
  21: 'ColdkeySwapDisputed',
  22: 'InvalidRealAccount',
  23: 'FailedShieldedTxParsing',
  24: 'InvalidShieldedTxPubKeyHash',
  25: 'NonAssociatedColdKey',
  26: 'DelegateTakeTooLow',
  27: 'DelegateTakeTooHigh',
  255: 'BadRequest',
};

/** The name of subtensor's custom transaction error `code`, or null for one this table does not know. */
export function customTransactionErrorName(code: number): string | null {
  return NAMES[code] ?? null;
}

/** `reason` with a `Custom error: n` named: "Invalid Transaction: StakeAmountTooLow (Custom 1)". */
export function nameCustomError(reason: string): { reason: string; custom: { code: number; name: string | null } | null } {
  const m = /Custom error: (\d+)/.exec(reason);
  if (!m) return { reason, custom: null };
  const code = Number(m[1]);
  const name = customTransactionErrorName(code);
  return { reason: reason.replace(m[0], `${name ?? 'unknown subtensor error'} (Custom ${code})`), custom: { code, name } };
}
