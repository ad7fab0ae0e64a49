import type { RuntimeContext } from '../../runtime/call-context';
import { adjustIssuance, credit, debit, EXISTENTIAL_DEPOSIT, readAccount } from '../../runtime/accounts';
import { big } from './subnet-state';

/**
 * TAO moving between a coldkey's free balance and stake (staking/helpers.rs). Staked TAO
 * leaves pallet_balances altogether: withdrawing it lowers `Balances.TotalIssuance` and
 * unstaking deposits it back; subtensor's own `TotalIssuance` counts it throughout.
 */
const P = 'SubtensorModule';

/**
 * `remove_balance_from_coldkey_account`: withdraws up to `amount` (best effort) while
 * keeping the account alive, and returns what was withdrawn.
 */
export function withdrawForStake(ctx: RuntimeContext, coldkey: string, amount: bigint): bigint {
  const free = readAccount(ctx.storage, coldkey).free;
  const reducible = free > EXISTENTIAL_DEPOSIT ? free - EXISTENTIAL_DEPOSIT : 0n;
  const taken = amount < reducible ? amount : reducible;
  if (taken === 0n) throw ctx.error(P, 'ZeroBalanceAfterWithdrawn');
  debit(ctx, coldkey, taken, true);
  ctx.emit('Balances', 'Withdraw', [coldkey, taken]);
  adjustIssuance(ctx.storage, -taken);
  return taken;
}

/**
 * `add_balance_to_coldkey_account`: deposits unstaked TAO (best effort: an amount that
 * could not open a new account is dropped, as pallet_balances does).
 */
export function depositUnstaked(ctx: RuntimeContext, coldkey: string, amount: bigint): void {
  if (amount === 0n) return;
  if (readAccount(ctx.storage, coldkey).providers === 0 && amount < EXISTENTIAL_DEPOSIT) return;
  credit(ctx, coldkey, amount);
  ctx.emit('Balances', 'Deposit', [coldkey, amount]);
  adjustIssuance(ctx.storage, amount);
}

/** With no block author to pay, subtensor burns a swap's TAO fee from its `TotalIssuance`. */
export function burnSwapFee(ctx: RuntimeContext, fee: bigint): void {
  if (fee === 0n) return;
  const total = big(ctx.storage.get(P, 'TotalIssuance'));
  ctx.storage.set(P, 'TotalIssuance', [], total > fee ? total - fee : 0n);
}

/** `can_remove_balance_from_coldkey_account`: the whole free balance may be offered. */
export function canStake(ctx: RuntimeContext, coldkey: string, amount: bigint): boolean {
  return amount <= readAccount(ctx.storage, coldkey).free;
}
