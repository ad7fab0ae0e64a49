import type { TypedStorage } from '../../state/typed-storage';
import { big, bool, hotkeyAlpha, num, uidBoolVector, uidOf, uidVector } from './subnet-state';

/**
 * The predicates behind subtensor's weight checks (pallets/subtensor/src/subnets/weights.rs,
 * lib.rs `check_weights_min_stake`, utils/misc.rs `get_owner_uid`), each reading storage the
 * way the chain does.
 */
const P = 'SubtensorModule';

export function commitRevealEnabled(s: TypedStorage, netuid: number): boolean {
  return bool(s.get(P, 'CommitRevealWeightsEnabled', [netuid]));
}

/** The uid of the subnet owner's hotkey, when `SubnetOwnerHotkey` is set and registered there. */
export function ownerUid(s: TypedStorage, netuid: number): number | null {
  if (!s.has(P, 'SubnetOwnerHotkey', [netuid])) return null;
  return uidOf(s, netuid, s.get(P, 'SubnetOwnerHotkey', [netuid])!.toString());
}

export function uidExists(s: TypedStorage, netuid: number, uid: number): boolean {
  return s.has(P, 'Keys', [netuid, uid]);
}

/** `check_weights_min_stake`: the owner's hotkey always passes; others need StakeThreshold. */
export function hasWeightsMinStake(s: TypedStorage, netuid: number, hotkey: string, uid: number): boolean {
  if (ownerUid(s, netuid) === uid) return true;
  return hotkeyAlpha(s, hotkey, netuid) >= big(s.get(P, 'StakeThreshold'));
}

/** `check_version_key`: passes while the subnet's key is 0, or when the sent key is not older. */
export function versionKeyPasses(s: TypedStorage, netuid: number, versionKey: bigint): boolean {
  const network = big(s.get(P, 'WeightsVersionKey', [netuid]));
  return network === 0n || versionKey >= network;
}

/** `LastUpdate[netuid][uid]`, 0 (never) when the vector is shorter. */
export function lastUpdateOf(s: TypedStorage, netuid: number, uid: number): number {
  return uidVector(s, 'LastUpdate', netuid)[uid] ?? 0;
}

/** `check_rate_limit`: a uid that never set weights passes; otherwise WeightsSetRateLimit blocks apart. */
export function rateLimitPasses(s: TypedStorage, netuid: number, uid: number, now: number): boolean {
  if (!uidExists(s, netuid, uid)) return false;
  const last = lastUpdateOf(s, netuid, uid);
  if (last === 0) return true;
  return Math.max(0, now - last) >= num(s.get(P, 'WeightsSetRateLimit', [netuid]));
}

export function validatorPermitOf(s: TypedStorage, netuid: number, uid: number): boolean {
  return uidBoolVector(s, 'ValidatorPermit', netuid)[uid] ?? false;
}
