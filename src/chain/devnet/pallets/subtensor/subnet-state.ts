import type { Codec } from '@polkadot/types/types';
import type { TypedStorage } from '../../state/typed-storage';

/**
 * Small typed reads of SubtensorModule storage shared by the call implementations.
 * Accounts are SS58 strings (prefix 42); netuids and uids are numbers; balances bigint rao.
 */
const P = 'SubtensorModule';

export function num(c: Codec | null): number {
  return c === null ? 0 : Number((c as unknown as { toString(): string }).toString());
}

export function big(c: Codec | null): bigint {
  return c === null ? 0n : BigInt((c as unknown as { toString(): string }).toString());
}

export function bool(c: Codec | null): boolean {
  return c !== null && c.toJSON() === true;
}

export function networkExists(s: TypedStorage, netuid: number): boolean {
  return bool(s.get(P, 'NetworksAdded', [netuid]));
}

export function subnetworkN(s: TypedStorage, netuid: number): number {
  return num(s.get(P, 'SubnetworkN', [netuid]));
}

/** The hotkey's uid on the subnet, or null when it is not registered there. */
export function uidOf(s: TypedStorage, netuid: number, hotkey: string): number | null {
  const uid = s.get(P, 'Uids', [netuid, hotkey]);
  return uid === null ? null : num(uid);
}

export function hotkeyOf(s: TypedStorage, netuid: number, uid: number): string {
  return s.get(P, 'Keys', [netuid, uid])!.toString();
}

/** The coldkey that owns a hotkey, or null when the hotkey has no owner yet. */
export function ownerOf(s: TypedStorage, hotkey: string): string | null {
  if (!s.has(P, 'Owner', [hotkey])) return null;
  return s.get(P, 'Owner', [hotkey])!.toString();
}

export function subnetOwner(s: TypedStorage, netuid: number): string {
  return s.get(P, 'SubnetOwner', [netuid])!.toString();
}

/** The hotkey's total alpha stake on the subnet, in alpha rao. */
export function hotkeyAlpha(s: TypedStorage, hotkey: string, netuid: number): bigint {
  return big(s.get(P, 'TotalHotkeyAlpha', [hotkey, netuid]));
}

/** A per-uid vector storage item (Incentive, LastUpdate, …) as numbers. */
export function uidVector(s: TypedStorage, item: string, netuid: number): number[] {
  const v = s.get(P, item, [netuid]) as unknown as { toArray?: () => Codec[] } | null;
  return v?.toArray ? v.toArray().map((x) => num(x)) : [];
}

export function uidBoolVector(s: TypedStorage, item: string, netuid: number): boolean[] {
  const v = s.get(P, item, [netuid]) as unknown as { toArray?: () => Codec[] } | null;
  return v?.toArray ? v.toArray().map((x) => x.toJSON() === true) : [];
}

/** Sets entry `uid` of a per-uid vector item, growing it with `fill` as needed. */
export function setUidVectorEntry<T>(s: TypedStorage, item: string, netuid: number, uid: number, value: T, current: T[], fill: T): void {
  const v = [...current];
  while (v.length <= uid) v.push(fill);
  v[uid] = value;
  s.set(P, item, [netuid], v);
}
