import type { RuntimeContext } from '../../runtime/call-context';
import { MAX_PRICE, type SwapFailure } from './pool-math';
import { quoteBuy, recycleSubnetAlpha, swapTaoForAlpha } from './pool-state';
import { burnSwapFee } from './staking-tao';

const P = 'SubtensorModule';

/** The swap pallet's errors are not in this metadata; staking's stand-ins are used. */
function swapError(ctx: RuntimeContext, f: SwapFailure): Error {
  return ctx.error(P, f === 'PriceLimitExceeded' ? 'ZeroMaxStakeAmount' : 'InsufficientLiquidity');
}

/** Fails the registration before anything is paid when the pool could not take `tao`. */
export function ensurePoolCanBuy(ctx: RuntimeContext, netuid: number, tao: bigint): void {
  const q = quoteBuy(ctx.storage, netuid, tao, MAX_PRICE);
  if (typeof q === 'string') throw swapError(ctx, q);
}

/**
 * A burned registration's TAO buys alpha from the subnet pool and that alpha is burned
 * (`swap_tao_for_alpha`, then `SubnetAlphaOut -= bought`): the TAO stays in the pool and
 * the pool's alpha reserve shrinks. Returns the alpha bought.
 */
export function buyAlphaAndBurn(ctx: RuntimeContext, netuid: number, tao: bigint): bigint {
  const r = swapTaoForAlpha(ctx.storage, netuid, tao, MAX_PRICE);
  if (typeof r === 'string') throw swapError(ctx, r);
  burnSwapFee(ctx, r.fee);
  recycleSubnetAlpha(ctx.storage, netuid, r.paidOut);
  return r.paidOut;
}
