/**
 * Commit-reveal v2: the hash sent with `commit_weights(netuid, commit_hash: H256)` and checked by
 * `reveal_weights(netuid, uids, values, salt: Vec<u16>, version_key: u64)`.
 *
 * Source: opentensor/subtensor@pallets/subtensor/src/subnets/weights.rs `get_commit_hash`
 * (snapshot 14bc6f9f):
 *   BlakeTwo256::hash_of(&(who.clone(), netuid_index, uids, values, salt, version_key))
 * with `who: AccountId32`, `netuid_index: NetUidStorageIndex` (a u16 newtype, common/src/lib.rs),
 * `uids/values/salt: &[u16]`, `version_key: u64`. `hash_of` = blake2b-256 of the SCALE encoding:
 *   32 raw account bytes ‖ u16 LE ‖ Compact(len) ‖ u16 LE… ‖ Compact(len) ‖ u16 LE… ‖
 *   Compact(len) ‖ u16 LE… ‖ u64 LE
 * (the tuple is encoded field by field, no prefix). `netuid_index` is
 * `mecid * 4096 + netuid` (subnets/mechanism.rs `get_mechanism_storage_index`,
 * GLOBAL_MAX_SUBNET_COUNT = 4096), i.e. just `netuid` for the main mechanism that `reveal_weights`
 * uses. The Python SDK's `generate_weight_hash` (opentensor/bittensor@bittensor/utils/weight_utils.py)
 * builds the same bytes: pubkey ‖ netuid u16 LE ‖ Vec<U16> uids ‖ Vec<U16> values ‖ Vec<U16> salt ‖
 * version_key u64 LE, hashed with hashlib.blake2b(digest_size=32).
 */
import { u8aToHex, u8aConcat, isHex, hexToU8a } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { randomBytes } from 'node:crypto';

/** subnets/mechanism.rs: `storage_index = netuid + mecid * GLOBAL_MAX_SUBNET_COUNT`. */
export const GLOBAL_MAX_SUBNET_COUNT = 4096;

const U64_MAX = (1n << 64n) - 1n;

/** `mecid * 4096 + netuid`, the `NetUidStorageIndex` used in the hash (mecid 0 → netuid). */
export function mechanismStorageIndex(netuid: number, mecid = 0): number {
  if (!Number.isInteger(netuid) || netuid < 0 || netuid >= GLOBAL_MAX_SUBNET_COUNT) {
    throw new RangeError(`netuid ${netuid} is out of range`);
  }
  if (!Number.isInteger(mecid) || mecid < 0 || mecid > 15) throw new RangeError(`mecid ${mecid} is out of range`);
  return mecid * GLOBAL_MAX_SUBNET_COUNT + netuid;
}

/** SCALE u16, little endian. */
export function encodeU16(x: number): Uint8Array {
  if (!Number.isInteger(x) || x < 0 || x > 0xffff) throw new RangeError(`${x} is not a u16`);
  return Uint8Array.of(x & 0xff, x >>> 8);
}

/** SCALE u64, little endian. */
export function encodeU64(x: bigint | number): Uint8Array {
  const v = BigInt(x);
  if (v < 0n || v > U64_MAX) throw new RangeError(`${x} is not a u64`);
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** SCALE Compact<integer>: single-byte, two-byte, four-byte and big-integer modes. */
export function encodeCompact(x: bigint | number): Uint8Array {
  const v = BigInt(x);
  if (v < 0n) throw new RangeError(`${x} is negative`);
  if (v < 1n << 6n) return Uint8Array.of(Number(v << 2n));
  if (v < 1n << 14n) {
    const n = Number((v << 2n) | 1n);
    return Uint8Array.of(n & 0xff, n >>> 8);
  }
  if (v < 1n << 30n) {
    const n = (v << 2n) | 2n;
    return Uint8Array.from([0, 1, 2, 3].map((i) => Number((n >> BigInt(8 * i)) & 0xffn)));
  }
  const bytes: number[] = [];
  for (let r = v; r > 0n; r >>= 8n) bytes.push(Number(r & 0xffn));
  if (bytes.length > 67) throw new RangeError(`${x} is too large for Compact`);
  return Uint8Array.from([((bytes.length - 4) << 2) | 3, ...bytes]);
}

/** SCALE Vec<u16>: Compact length prefix, then each element u16 LE. */
export function encodeVecU16(xs: readonly number[]): Uint8Array {
  return u8aConcat(encodeCompact(xs.length), ...xs.map(encodeU16));
}

/** 32-byte account id from an ss58 address, a 0x-hex public key, or raw bytes. */
export function accountIdBytes(hotkey: string | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  if (typeof hotkey === 'string') {
    bytes = isHex(hotkey) ? hexToU8a(hotkey) : decodeAddress(hotkey);
  } else {
    bytes = hotkey;
  }
  if (bytes.length !== 32) throw new RangeError(`an AccountId32 has 32 bytes, got ${bytes.length}`);
  return bytes;
}

export interface CommitHashInput {
  /** the committing hotkey: ss58 address, 0x-hex public key, or 32 raw bytes */
  hotkey: string | Uint8Array;
  netuid: number;
  /** mechanism id for `*_mechanism_weights` calls; default 0 */
  mecid?: number;
  /** u16 uids exactly as they will be revealed */
  uids: readonly number[];
  /** u16 values exactly as they will be revealed */
  values: readonly number[];
  salt: readonly number[];
  versionKey: bigint | number;
}

/** SCALE bytes of `(who, netuid_index, uids, values, salt, version_key)`. */
export function commitPayloadV2(input: CommitHashInput): Uint8Array {
  if (input.uids.length !== input.values.length) {
    throw new RangeError(`${input.uids.length} uids but ${input.values.length} values`);
  }
  return u8aConcat(
    accountIdBytes(input.hotkey),
    encodeU16(mechanismStorageIndex(input.netuid, input.mecid ?? 0)),
    encodeVecU16(input.uids),
    encodeVecU16(input.values),
    encodeVecU16(input.salt),
    encodeU64(input.versionKey),
  );
}

/** The H256 for `commit_weights`, as 0x-hex: blake2b-256 of `commitPayloadV2(input)`. */
export function commitHashV2(input: CommitHashInput): `0x${string}` {
  return u8aToHex(blake2AsU8a(commitPayloadV2(input), 256)) as `0x${string}`;
}

/**
 * A random salt of `length` u16s from the OS CSPRNG. (The Python SDK uses 8 values from
 * `random.randint(0, 350)`; the chain accepts any Vec<u16>, so this draws the full u16 range.)
 */
export function randomSalt(length = 8): number[] {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`bad salt length ${length}`);
  const bytes = randomBytes(length * 2);
  return Array.from({ length }, (_, i) => bytes.readUInt16LE(2 * i));
}
