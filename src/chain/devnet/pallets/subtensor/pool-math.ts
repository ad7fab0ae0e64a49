/**
 * The arithmetic of a subnet's TAO/alpha pool, on bigint rao. Subtensor's swap (pallet
 * subtensor-swap) is a balancer pool whose weights start, and on the dev chain stay, at
 * 1/2 each, which makes it the constant-product pool x·y = k; the fee and the price
 * limit follow that pallet. Outputs are floored exactly (subtensor's fixed-point powers
 * can round up to a rao differently).
 */

import { RAO_PER_TAO, U16_MAX as U16_MAX_NUMBER } from '../../../weights/units';

export { RAO_PER_TAO };

/** `DefaultFeeRate`: 33 / u16::MAX of the amount paid in (~0.05 %). */
export const FEE_RATE = 33n;
const U16_MAX = BigInt(U16_MAX_NUMBER);
const FRAC = 64n;
/** The rates as U64F64 bits, truncated the way substrate_fixed divides. */
const FEE_BITS = (FEE_RATE << FRAC) / U16_MAX;
const FEE_ON_NET_BITS = (FEE_RATE << FRAC) / (U16_MAX - FEE_RATE);

/** `SwapMinimumReserve`: a swap needs at least this much of what it pays out. */
export const MIN_RESERVE = 1_000_000n;
/** Price limits of plain staking (`max_price` / `min_price`), in rao per alpha. */
export const MAX_PRICE = 1_000_000_000_000_000n;
export const MIN_PRICE = 1_000n;

export interface Reserves {
  /** `SubnetTAO`, rao. */
  readonly tao: bigint;
  /** `SubnetAlphaIn`, alpha rao. */
  readonly alpha: bigint;
}

export interface SwapOutcome {
  /** What entered the reserve (the amount less the fee). */
  readonly paidIn: bigint;
  readonly paidOut: bigint;
  /** Taken from the amount paid in; it never reaches the reserve. */
  readonly fee: bigint;
}

export type SwapFailure = 'ReservesTooLow' | 'PriceLimitExceeded';

/** The fee on an amount about to be swapped. */
export function swapFee(amount: bigint): bigint {
  return (amount * FEE_BITS) >> FRAC;
}

/** The fee on a net amount, so that net + fee is the gross that nets it. */
function feeOnNet(net: bigint): bigint {
  return (net * FEE_ON_NET_BITS) >> FRAC;
}

/** Alpha out for `taoIn` entering the reserve: alpha·dy / (tao + dy). */
export function alphaOutFor(r: Reserves, taoIn: bigint): bigint {
  return (r.alpha * taoIn) / (r.tao + taoIn);
}

/** TAO out for `alphaIn` entering the reserve: tao·dx / (alpha + dx). */
export function taoOutFor(r: Reserves, alphaIn: bigint): bigint {
  return (r.tao * alphaIn) / (r.alpha + alphaIn);
}

/** Whether tao/alpha is below `limit` rao per alpha. */
function priceBelow(tao: bigint, alpha: bigint, limit: bigint): boolean {
  return tao * RAO_PER_TAO < limit * alpha;
}

function priceAtMost(tao: bigint, alpha: bigint, limit: bigint): boolean {
  return tao * RAO_PER_TAO <= limit * alpha;
}

/** floor(√n), by Newton's method from above. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** TAO that must enter the reserve to lift the price to `limit`: √(limit·tao·alpha) − tao. */
export function taoInToReach(r: Reserves, limit: bigint): bigint {
  const d = isqrt((limit * r.tao * r.alpha) / RAO_PER_TAO) - r.tao;
  return d > 0n ? d : 0n;
}

/**
 * Buys alpha with `amount` TAO. Past the price `limit` the buy stops at the limit and
 * the fee is charged on what was used, as subtensor's swap step does.
 */
export function buyAlpha(r: Reserves, amount: bigint, limit: bigint): SwapOutcome | SwapFailure {
  if (r.alpha < MIN_RESERVE) return 'ReservesTooLow';
  if (!priceBelow(r.tao, r.alpha, limit)) return 'PriceLimitExceeded';
  let fee = swapFee(amount);
  let paidIn = amount - fee;
  let paidOut = alphaOutFor(r, paidIn);
  if (!priceAtMost(r.tao + paidIn, r.alpha - paidOut, limit)) {
    paidIn = taoInToReach(r, limit);
    fee = feeOnNet(paidIn);
    paidOut = alphaOutFor(r, paidIn);
  }
  if (paidIn > 0n && paidOut === 0n) return 'ReservesTooLow';
  return { paidIn, paidOut, fee };
}

/** Sells `amount` alpha for TAO (plain unstaking: no price limit short of `MIN_PRICE`). */
export function sellAlpha(r: Reserves, amount: bigint): SwapOutcome | SwapFailure {
  if (r.tao < MIN_RESERVE) return 'ReservesTooLow';
  if (priceAtMost(r.tao, r.alpha, MIN_PRICE)) return 'PriceLimitExceeded';
  const fee = swapFee(amount);
  const paidIn = amount - fee;
  const paidOut = taoOutFor(r, paidIn);
  if (paidIn > 0n && paidOut === 0n) return 'ReservesTooLow';
  return { paidIn, paidOut, fee };
}

/**
 * The most TAO (fee included) that can be staked before the price passes `limit`
 * (`get_max_amount_add` on a dynamic subnet); 0 when the price is already there.
 */
export function maxStakeWithin(r: Reserves, limit: bigint): bigint | SwapFailure {
  if (r.alpha < MIN_RESERVE) return 'ReservesTooLow';
  if (!priceBelow(r.tao, r.alpha, limit)) return 'PriceLimitExceeded';
  const paidIn = taoInToReach(r, limit);
  return paidIn + feeOnNet(paidIn);
}
