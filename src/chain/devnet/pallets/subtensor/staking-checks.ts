import type { RuntimeContext } from '../../runtime/call-context';
import { quoteBuy, quoteSell, isDynamic } from './pool-state';
import { swapFee } from './pool-math';
import { stakeOf } from './stake';
import { stakeAddedThisBlock } from './staking-rate-limits';
import { canStake } from './staking-tao';
import { bool, networkExists, ownerOf } from './subnet-state';

/**
 * Subtensor's input checks for staking (stake_utils.rs `validate_add_stake` /
 * `validate_remove_stake`), each error in subtensor's order.
 */
const P = 'SubtensorModule';

/** `DefaultMinStake`: the least TAO a stake operation may move, in rao. */
export const MIN_STAKE = 2_000_000n;

export function ensureSubtokenEnabled(ctx: RuntimeContext, netuid: number): void {
  if (!bool(ctx.storage.get(P, 'SubtokenEnabled', [netuid]))) throw ctx.error(P, 'SubtokenDisabled');
}

/** A hotkey exists once some coldkey owns it (registration creates the `Owner` entry). */
export function ensureHotkeyExists(ctx: RuntimeContext, hotkey: string): void {
  if (ownerOf(ctx.storage, hotkey) === null) throw ctx.error(P, 'HotKeyAccountNotExists');
}

/** The least TAO add_stake takes: the minimum stake plus the fee on swapping it. */
export function minStakeAmount(ctx: RuntimeContext, netuid: number): bigint {
  const q = quoteBuy(ctx.storage, netuid, MIN_STAKE);
  if (typeof q !== 'string') return MIN_STAKE + q.fee;
  return MIN_STAKE + (isDynamic(ctx.storage, netuid) ? swapFee(MIN_STAKE) : 0n);
}

export function validateAddStake(
  ctx: RuntimeContext,
  coldkey: string,
  hotkey: string,
  netuid: number,
  amount: bigint,
  maxAmount: bigint,
): void {
  if (!networkExists(ctx.storage, netuid)) throw ctx.error(P, 'SubnetNotExists');
  ensureSubtokenEnabled(ctx, netuid);
  if (amount < minStakeAmount(ctx, netuid)) throw ctx.error(P, 'AmountTooLow');
  if (amount > maxAmount) throw ctx.error(P, 'SlippageTooHigh');
  if (!canStake(ctx, coldkey, amount)) throw ctx.error(P, 'NotEnoughBalanceToStake');
  ensureHotkeyExists(ctx, hotkey);
  const q = quoteBuy(ctx.storage, netuid, amount);
  if (typeof q === 'string') throw ctx.error(P, 'InsufficientLiquidity');
  if (q.paidIn < MIN_STAKE) throw ctx.error(P, 'AmountTooLow');
  if (q.paidOut === 0n) throw ctx.error(P, 'InsufficientLiquidity');
}

/** `alpha` has already been capped at the coldkey's stake, as remove_stake does first. */
export function validateRemoveStake(ctx: RuntimeContext, coldkey: string, hotkey: string, netuid: number, alpha: bigint): void {
  if (!networkExists(ctx.storage, netuid)) throw ctx.error(P, 'SubnetNotExists');
  if (stakeAddedThisBlock(ctx.storage, hotkey, coldkey, netuid)) throw ctx.error(P, 'StakingOperationRateLimitExceeded');
  if (alpha === 0n) throw ctx.error(P, 'AmountTooLow');
  const held = stakeOf(ctx.storage, hotkey, coldkey, netuid);
  if (held < alpha) throw ctx.error(P, 'NotEnoughStakeToWithdraw');
  const q = quoteSell(ctx.storage, netuid, alpha);
  if (typeof q === 'string') throw ctx.error(P, 'InsufficientLiquidity');
  // A partial unstake must be worth the minimum stake; unstaking everything need not be.
  if (held > alpha && q.paidOut < MIN_STAKE) throw ctx.error(P, 'AmountTooLow');
  ensureHotkeyExists(ctx, hotkey);
}
