import { u8aConcat } from '@polkadot/util';
import { keyOf, type HexKey } from '../../state/hex-key';
import type { TypedStorage } from '../../state/typed-storage';
import { hashKeyPart, storagePrefix } from '../../state/storage-hashers';

/**
 * Two rate limits of subtensor's staking whose storage the copied metadata does not
 * declare, kept at the raw keys subtensor uses so state stays where a node keeps it:
 * `StakingOperationRateLimiter` (hot, cold, netuid) marks a stake added this block, which
 * may not be removed in the same block; `LastRateLimitedBlock[AddStakeBurn(netuid)]`
 * holds the block of a subnet's last add_stake_burn.
 */
const LIMITER = storagePrefix('SubtensorModule', 'StakingOperationRateLimiter');
const LAST_BLOCK = storagePrefix('SubtensorModule', 'LastRateLimitedBlock');
/** `RateLimitKey::AddStakeBurn` is variant 6 of the enum. */
const ADD_STAKE_BURN_KEY = 6;
const TRUE = new Uint8Array([1]);

function accountBytes(s: TypedStorage, ss58: string): Uint8Array {
  return s.md.registry.createType('AccountId32', ss58).toU8a();
}

function u16le(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >> 8) & 0xff]);
}

function limiterKey(s: TypedStorage, hotkey: string, coldkey: string, netuid: number): HexKey {
  return keyOf(
    u8aConcat(
      LIMITER,
      hashKeyPart('Blake2_128Concat', accountBytes(s, hotkey)),
      hashKeyPart('Blake2_128Concat', accountBytes(s, coldkey)),
      u16le(netuid),
    ),
  );
}

export function markStakeAdded(s: TypedStorage, hotkey: string, coldkey: string, netuid: number): void {
  s.state.set(limiterKey(s, hotkey, coldkey, netuid), TRUE);
}

export function stakeAddedThisBlock(s: TypedStorage, hotkey: string, coldkey: string, netuid: number): boolean {
  return s.state.get(limiterKey(s, hotkey, coldkey, netuid)) !== undefined;
}

/** Subtensor drains the limiter in `on_finalize`; the dev chain does it as the next block opens. */
export function clearStakeMarks(s: TypedStorage): void {
  for (const k of s.state.keysWithPrefix(keyOf(LIMITER))) s.state.delete(k);
}

function addStakeBurnKey(netuid: number): HexKey {
  return keyOf(u8aConcat(LAST_BLOCK, new Uint8Array([ADD_STAKE_BURN_KEY]), u16le(netuid)));
}

/** Block of the subnet's last add_stake_burn, 0 when it never had one. */
export function lastAddStakeBurn(s: TypedStorage, netuid: number): number {
  const raw = s.state.get(addStakeBurnKey(netuid));
  return raw ? Number(new DataView(raw.buffer, raw.byteOffset, 8).getBigUint64(0, true)) : 0;
}

export function setLastAddStakeBurn(s: TypedStorage, netuid: number, block: number): void {
  const v = new Uint8Array(8);
  new DataView(v.buffer).setBigUint64(0, BigInt(block), true);
  s.state.set(addStakeBurnKey(netuid), v);
}
