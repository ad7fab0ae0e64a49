import type { RuntimeContext } from '../../runtime/call-context';
import { MAX_PRICE, maxStakeWithin, RAO_PER_TAO, type SwapFailure } from './pool-math';
import { isDynamic, reserves, swapAlphaForTao, swapTaoForAlpha } from './pool-state';
import { addStakeAlpha, removeStakeAlpha, stakeOf } from './stake';
import { ensureSubtokenEnabled, validateAddStake, validateRemoveStake } from './staking-checks';
import { markStakeAdded } from './staking-rate-limits';
import { burnSwapFee, depositUnstaked, withdrawForStake } from './staking-tao';

/**
 * Staking and unstaking through a subnet's pool (add_stake.rs, remove_stake.rs,
 * stake_utils.rs `stake_into_subnet` / `unstake_from_subnet`), shared by the staking
 * calls and by add_stake_burn.
 */
const P = 'SubtensorModule';
const U64_MAX = (1n << 64n) - 1n;

/**
 * The swap pallet's own errors are not in the dev chain's metadata; the nearest
 * SubtensorModule errors stand in for them.
 */
function swapError(ctx: RuntimeContext, f: SwapFailure): Error {
  return ctx.error(P, f === 'PriceLimitExceeded' ? 'ZeroMaxStakeAmount' : 'InsufficientLiquidity');
}

/** Swaps staked TAO into alpha credited to the coldkey's stake on the hotkey; returns the alpha. */
export function stakeIntoSubnet(ctx: RuntimeContext, hotkey: string, coldkey: string, netuid: number, tao: bigint, limit: bigint): bigint {
  const r = swapTaoForAlpha(ctx.storage, netuid, tao, limit);
  if (typeof r === 'string') throw swapError(ctx, r);
  if (r.paidOut === 0n) throw ctx.error(P, 'AmountTooLow');
  addStakeAlpha(ctx.storage, hotkey, coldkey, netuid, r.paidOut);
  burnSwapFee(ctx, r.fee);
  markStakeAdded(ctx.storage, hotkey, coldkey, netuid);
  ctx.emit(P, 'StakeAdded', [coldkey, hotkey, tao, r.paidOut, netuid, r.fee]);
  return r.paidOut;
}

export function doAddStake(ctx: RuntimeContext, coldkey: string, hotkey: string, netuid: number, amount: bigint): bigint {
  ensureSubtokenEnabled(ctx, netuid);
  validateAddStake(ctx, coldkey, hotkey, netuid, amount, amount);
  const tao = withdrawForStake(ctx, coldkey, amount);
  return stakeIntoSubnet(ctx, hotkey, coldkey, netuid, tao, MAX_PRICE);
}

/** `get_max_amount_add`: the most TAO stakeable before the price passes `limit` rao per alpha. */
export function maxAmountAdd(ctx: RuntimeContext, netuid: number, limit: bigint): bigint {
  if (netuid === 0 || !isDynamic(ctx.storage, netuid)) {
    // Root and stable subnets trade at 1:1 whatever the amount.
    if (limit >= RAO_PER_TAO) return U64_MAX;
    throw ctx.error(P, 'ZeroMaxStakeAmount');
  }
  const max = maxStakeWithin(reserves(ctx.storage, netuid), limit);
  if (typeof max === 'string') throw swapError(ctx, max);
  if (max === 0n) throw ctx.error(P, 'ZeroMaxStakeAmount');
  return max < U64_MAX ? max : U64_MAX;
}

/** add_stake_limit without partial fills: the whole amount must fit under the price limit. */
export function doAddStakeLimit(ctx: RuntimeContext, coldkey: string, hotkey: string, netuid: number, amount: bigint, limit: bigint): bigint {
  const max = maxAmountAdd(ctx, netuid, limit);
  validateAddStake(ctx, coldkey, hotkey, netuid, amount, max);
  const tao = withdrawForStake(ctx, coldkey, amount < max ? amount : max);
  return stakeIntoSubnet(ctx, hotkey, coldkey, netuid, tao, limit);
}

/** Sells the coldkey's alpha back to the pool; returns the TAO it fetched. */
export function unstakeFromSubnet(ctx: RuntimeContext, hotkey: string, coldkey: string, netuid: number, alpha: bigint): bigint {
  if (!removeStakeAlpha(ctx.storage, hotkey, coldkey, netuid, alpha)) throw ctx.error(P, 'NotEnoughStakeToWithdraw');
  const r = swapAlphaForTao(ctx.storage, netuid, alpha);
  if (typeof r === 'string') throw swapError(ctx, r);
  ctx.emit(P, 'StakeRemoved', [coldkey, hotkey, r.paidOut, alpha, netuid, r.fee]);
  return r.paidOut;
}

export function doRemoveStake(ctx: RuntimeContext, coldkey: string, hotkey: string, netuid: number, amount: bigint): void {
  ensureSubtokenEnabled(ctx, netuid);
  // Asking for more than the stake unstakes all of it.
  const held = stakeOf(ctx.storage, hotkey, coldkey, netuid);
  const alpha = amount < held ? amount : held;
  validateRemoveStake(ctx, coldkey, hotkey, netuid, alpha);
  const tao = unstakeFromSubnet(ctx, hotkey, coldkey, netuid, alpha);
  depositUnstaked(ctx, coldkey, tao);
}
