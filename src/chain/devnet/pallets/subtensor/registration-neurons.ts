import type { Codec } from '@polkadot/types/types';
import type { TypedStorage } from '../../state/typed-storage';
import { big, num, subnetworkN } from './subnet-state';

/**
 * The uid table of a subnet: appending a neuron, replacing the one to prune when the
 * subnet is full, and the hotkey ownership a registration creates (subtensor's
 * `subnets/uids.rs` and `registration.rs`).
 */
const P = 'SubtensorModule';

/** `DefaultImmuneOwnerUidsLimit`: how many of the owner's hotkeys are never pruned. */
const IMMUNE_OWNER_UIDS_LIMIT = 1;
/** `DefaultMinNonImmuneUids`: non-immune neurons are pruned only while more than this many remain. */
const MIN_NON_IMMUNE_UIDS = 10;

type Entry = bigint | boolean;

function vector(s: TypedStorage, item: string, netuid: number): Entry[] {
  const v = s.get(P, item, [netuid]) as unknown as { toArray(): Codec[] };
  return v.toArray().map((x) => (typeof x.toJSON() === 'boolean' ? x.toJSON() === true : BigInt(x.toString())));
}

function push(s: TypedStorage, item: string, netuid: number, value: Entry): void {
  s.set(P, item, [netuid], [...vector(s, item, netuid), value]);
}

/** `set_element_at`: changes an existing entry only; a shorter vector stays as it is. */
function setAt(s: TypedStorage, item: string, netuid: number, uid: number, value: Entry): void {
  const v = vector(s, item, netuid);
  if (uid >= v.length) return;
  v[uid] = value;
  s.set(P, item, [netuid], v);
}

function accounts(s: TypedStorage, item: string, who: string): string[] {
  return (s.get(P, item, [who])!.toJSON() as string[]).map(String);
}

/** `create_account_if_non_existent`: a new hotkey becomes the coldkey's (Owner, OwnedHotkeys, StakingHotkeys). */
export function createAccountIfNonExistent(s: TypedStorage, coldkey: string, hotkey: string): void {
  if (s.has(P, 'Owner', [hotkey])) return;
  s.set(P, 'Owner', [hotkey], coldkey);
  for (const item of ['OwnedHotkeys', 'StakingHotkeys']) {
    const list = accounts(s, item, coldkey);
    if (!list.includes(hotkey)) s.set(P, item, [coldkey], [...list, hotkey]);
  }
}

/** `append_neuron`: the next uid, with every per-uid vector grown by one entry. */
export function appendNeuron(s: TypedStorage, netuid: number, hotkey: string, block: number): number {
  const uid = subnetworkN(s, netuid);
  s.set(P, 'SubnetworkN', [netuid], uid + 1);
  push(s, 'Active', netuid, true);
  push(s, 'Emission', netuid, 0n);
  push(s, 'Consensus', netuid, 0n);
  push(s, 'Incentive', netuid, 0n);
  // `get_last_update` pads LastUpdate to SubnetworkN before the new uid's entry is set.
  const lastUpdate = vector(s, 'LastUpdate', netuid);
  while (lastUpdate.length <= uid) lastUpdate.push(0n);
  lastUpdate[uid] = BigInt(block);
  s.set(P, 'LastUpdate', [netuid], lastUpdate);
  push(s, 'Dividends', netuid, 0n);
  push(s, 'ValidatorTrust', netuid, 0n);
  push(s, 'ValidatorPermit', netuid, false);
  bindUid(s, netuid, uid, hotkey, block);
  return uid;
}

function bindUid(s: TypedStorage, netuid: number, uid: number, hotkey: string, block: number): void {
  s.set(P, 'Keys', [netuid, uid], hotkey);
  s.set(P, 'Uids', [netuid, hotkey], uid);
  s.set(P, 'BlockAtRegistration', [netuid, uid], BigInt(block));
  s.set(P, 'IsNetworkMember', [hotkey, netuid], true);
}

/** `replace_neuron`: the uid passes to `hotkey`; the old hotkey's membership, axon and scores go. */
export function replaceNeuron(s: TypedStorage, netuid: number, uid: number, hotkey: string, block: number): void {
  const old = s.get(P, 'Keys', [netuid, uid])!.toString();
  // The subnet owner's hotkey is never replaced.
  if (s.has(P, 'SubnetOwnerHotkey', [netuid]) && s.get(P, 'SubnetOwnerHotkey', [netuid])!.toString() === old) return;
  s.remove(P, 'Uids', [netuid, old]);
  s.remove(P, 'IsNetworkMember', [old, netuid]);
  s.remove(P, 'Keys', [netuid, uid]);
  setAt(s, 'Active', netuid, uid, true);
  bindUid(s, netuid, uid, hotkey, block);
  s.remove(P, 'Axons', [netuid, old]);
  clearNeuron(s, netuid, uid);
}

/** `clear_neuron`: zero the uid's scores, drop its bonds and weights, and zero weights set on it. */
function clearNeuron(s: TypedStorage, netuid: number, uid: number): void {
  setAt(s, 'Emission', netuid, uid, 0n);
  setAt(s, 'Consensus', netuid, uid, 0n);
  setAt(s, 'Incentive', netuid, uid, 0n);
  s.remove(P, 'Bonds', [netuid, uid]);
  s.remove(P, 'Weights', [netuid, uid]);
  for (const [keys, row] of s.entries(P, 'Weights', [netuid])) {
    const pairs = (row.toJSON() as [number, number][]).map(([dest, w]) => [dest, dest === uid ? 0 : w]);
    s.set(P, 'Weights', [netuid, num(keys[1]!)], pairs);
  }
  setAt(s, 'Dividends', netuid, uid, 0n);
  setAt(s, 'StakeWeight', netuid, uid, 0n);
}

/** The owner's hotkeys on the subnet that are never pruned (`get_immune_owner_hotkeys`). */
function immuneOwnerHotkeys(s: TypedStorage, netuid: number): string[] {
  const owner = s.get(P, 'SubnetOwner', [netuid])!.toString();
  const registered = accounts(s, 'OwnedHotkeys', owner)
    .map((hotkey) => ({ hotkey, uid: s.get(P, 'Uids', [netuid, hotkey]) }))
    .filter((x) => x.uid !== null)
    .map(({ hotkey, uid }) => ({ hotkey, uid: num(uid), block: big(s.get(P, 'BlockAtRegistration', [netuid, num(uid)])) }))
    .sort((a, b) => (a.block === b.block ? a.uid - b.uid : a.block < b.block ? -1 : 1))
    .slice(0, IMMUNE_OWNER_UIDS_LIMIT)
    .map((x) => x.hotkey);
  if (s.has(P, 'SubnetOwnerHotkey', [netuid])) {
    const ownerHotkey = s.get(P, 'SubnetOwnerHotkey', [netuid])!.toString();
    if (s.get(P, 'Uids', [netuid, ownerHotkey]) !== null && !registered.includes(ownerHotkey)) {
      registered.unshift(ownerHotkey);
    }
  }
  return registered.slice(0, IMMUNE_OWNER_UIDS_LIMIT);
}

interface Candidate {
  readonly emission: bigint;
  readonly block: bigint;
  readonly uid: number;
}

function better(a: Candidate, b: Candidate | null): boolean {
  if (b === null) return true;
  if (a.emission !== b.emission) return a.emission < b.emission;
  if (a.block !== b.block) return a.block < b.block;
  return a.uid < b.uid;
}

/**
 * `get_neuron_to_prune`: the lowest-emission neuron (then the earliest registered, then the
 * lowest uid) that is not the owner's. Non-immune neurons go first, but only while more than
 * `MinNonImmuneUids` of them remain; otherwise an immune one is taken. Null when none can go.
 */
export function neuronToPrune(s: TypedStorage, netuid: number, block: number): number | null {
  const n = subnetworkN(s, netuid);
  const immortal = new Set(immuneOwnerHotkeys(s, netuid));
  const emissions = vector(s, 'Emission', netuid);
  const immunity = BigInt(num(s.get(P, 'ImmunityPeriod', [netuid])));
  let freeCount = 0;
  let bestFree: Candidate | null = null;
  let bestImmune: Candidate | null = null;
  for (let uid = 0; uid < n; uid++) {
    if (!s.has(P, 'Keys', [netuid, uid])) continue;
    if (immortal.has(s.get(P, 'Keys', [netuid, uid])!.toString())) continue;
    const registeredAt = big(s.get(P, 'BlockAtRegistration', [netuid, uid]));
    const elapsed = BigInt(block) > registeredAt ? BigInt(block) - registeredAt : 0n;
    const c: Candidate = { emission: (emissions[uid] as bigint | undefined) ?? 0n, block: registeredAt, uid };
    if (elapsed < immunity) {
      if (better(c, bestImmune)) bestImmune = c;
    } else {
      freeCount++;
      if (better(c, bestFree)) bestFree = c;
    }
  }
  if (freeCount > MIN_NON_IMMUNE_UIDS && bestFree) return bestFree.uid;
  return bestImmune?.uid ?? null;
}

/** `register_neuron`: append while there is room, else replace the neuron to prune. */
export function registerNeuron(s: TypedStorage, netuid: number, hotkey: string, block: number): number | null {
  if (subnetworkN(s, netuid) < num(s.get(P, 'MaxAllowedUids', [netuid]))) return appendNeuron(s, netuid, hotkey, block);
  const uid = neuronToPrune(s, netuid, block);
  if (uid === null) return null;
  replaceNeuron(s, netuid, uid, hotkey, block);
  return uid;
}
