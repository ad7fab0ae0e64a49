import type { TypedStorage } from '../../state/typed-storage';
import { big, networkExists, num } from './subnet-state';
import { buyAlpha, MAX_PRICE, sellAlpha, type Reserves, type SwapFailure, type SwapOutcome } from './pool-math';

/**
 * A subnet's pool in storage (stake_utils.rs `swap_tao_for_alpha` / `swap_alpha_for_tao`):
 * `SubnetTAO` and `SubnetAlphaIn` are the reserves, `SubnetAlphaOut` the alpha held
 * outside the pool, `TotalStake` the TAO staked across subnets. Dynamic subnets
 * (`SubnetMechanism` 1) swap through the pool; root and stable subnets swap 1:1, free.
 */
const P = 'SubtensorModule';

export function reserves(s: TypedStorage, netuid: number): Reserves {
  return { tao: big(s.get(P, 'SubnetTAO', [netuid])), alpha: big(s.get(P, 'SubnetAlphaIn', [netuid])) };
}

export function isDynamic(s: TypedStorage, netuid: number): boolean {
  return num(s.get(P, 'SubnetMechanism', [netuid])) === 1;
}

function add(s: TypedStorage, item: string, keys: unknown[], delta: bigint): void {
  const v = big(s.get(P, item, keys)) + delta;
  s.set(P, item, keys, v < 0n ? 0n : v);
}

/** What staking `tao` would buy now, without changing anything (`sim_swap`). */
export function quoteBuy(s: TypedStorage, netuid: number, tao: bigint, limit = MAX_PRICE): SwapOutcome | SwapFailure {
  if (isDynamic(s, netuid)) return buyAlpha(reserves(s, netuid), tao, limit);
  const amount = networkExists(s, netuid) ? tao : 0n;
  return { paidIn: amount, paidOut: amount, fee: 0n };
}

export function quoteSell(s: TypedStorage, netuid: number, alpha: bigint): SwapOutcome | SwapFailure {
  if (isDynamic(s, netuid)) return sellAlpha(reserves(s, netuid), alpha);
  const amount = networkExists(s, netuid) ? alpha : 0n;
  return { paidIn: amount, paidOut: amount, fee: 0n };
}

/** Swaps staked TAO into the pool; the whole `tao` counts toward `TotalStake`, fee included. */
export function swapTaoForAlpha(s: TypedStorage, netuid: number, tao: bigint, limit: bigint): SwapOutcome | SwapFailure {
  const r = isDynamic(s, netuid) ? buyAlpha(reserves(s, netuid), tao, limit) : { paidIn: tao, paidOut: tao, fee: 0n };
  if (typeof r === 'string') return r;
  add(s, 'SubnetAlphaIn', [netuid], -r.paidOut);
  add(s, 'SubnetAlphaOut', [netuid], r.paidOut);
  add(s, 'SubnetTAO', [netuid], r.paidIn);
  add(s, 'TotalStake', [], tao);
  return r;
}

/** Swaps unstaked alpha out of the stakers' hands; the alpha fee stays counted in `SubnetAlphaOut`. */
export function swapAlphaForTao(s: TypedStorage, netuid: number, alpha: bigint): SwapOutcome | SwapFailure {
  const r = isDynamic(s, netuid) ? sellAlpha(reserves(s, netuid), alpha) : { paidIn: alpha, paidOut: alpha, fee: 0n };
  if (typeof r === 'string') return r;
  add(s, 'SubnetAlphaIn', [netuid], r.paidIn);
  add(s, 'SubnetAlphaOut', [netuid], -r.paidIn);
  add(s, 'SubnetTAO', [netuid], -r.paidOut);
  add(s, 'TotalStake', [], -r.paidOut);
  return r;
}

/** Alpha leaving circulation for good (`recycle_subnet_alpha`). */
export function recycleSubnetAlpha(s: TypedStorage, netuid: number, alpha: bigint): void {
  add(s, 'SubnetAlphaOut', [netuid], -alpha);
}
