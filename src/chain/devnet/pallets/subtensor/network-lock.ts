import type { TypedStorage } from '../../state/typed-storage';
import { big, num } from './subnet-state';

const P = 'SubtensorModule';

/**
 * `NetworkLockReductionInterval` (14 days of 12 s blocks) scaled by the block emission
 * (1 TAO before the first halving): the lock cost decays back to the last lock over it.
 */
export const LOCK_REDUCTION_INTERVAL = 14n * 7200n;

/** `SubnetLimit`'s default: the most user subnets (root excluded). */
export const SUBNET_LIMIT = 128;

/**
 * The block of the last subnet registration (0 before the first). Subtensor keeps it in
 * `LastRateLimitedBlock`, which this metadata lacks; every registration writes
 * `NetworkRegisteredAt` with the same block and subnets are never dissolved here, so the
 * latest of those is the same number.
 */
export function lastLockBlock(s: TypedStorage): number {
  let last = 0;
  for (const [keys, at] of s.entries(P, 'NetworkRegisteredAt')) {
    if (num(keys[0]!) !== 0) last = Math.max(last, num(at));
  }
  return last;
}

/** `get_network_lock_cost`: twice the last lock, decaying linearly, never below `NetworkMinLockCost`. */
export function networkLockCost(s: TypedStorage, block: number): bigint {
  const last = big(s.get(P, 'NetworkLastLockCost'));
  const min = big(s.get(P, 'NetworkMinLockCost'));
  const lastBlock = lastLockBlock(s);
  const mult = lastBlock === 0 ? 1n : 2n;
  const decay = (last / LOCK_REDUCTION_INTERVAL) * BigInt(Math.max(0, block - lastBlock));
  const cost = last * mult - decay;
  return cost < min ? min : cost;
}

/** User subnets (root excluded), for the subnet limit. */
export function userSubnetCount(s: TypedStorage): number {
  return s.entries(P, 'NetworksAdded').filter(([keys, added]) => num(keys[0]!) !== 0 && added.toJSON() === true).length;
}

/** `get_next_netuid`: the lowest unused netuid above root. */
export function nextNetuid(s: TypedStorage): number {
  const used = new Set(s.entries(P, 'NetworksAdded').map(([keys]) => num(keys[0]!)));
  let netuid = 1;
  while (used.has(netuid)) netuid++;
  return netuid;
}
