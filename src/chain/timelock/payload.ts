/**
 * The plaintext of a timelocked weights commit: SCALE of subtensor's
 * `coinbase/reveal_commits.rs` `WeightsTlockPayload { hotkey: Vec<u8>, uids: Vec<u16>,
 * values: Vec<u16>, version_key: u64 }` in that field order (the same struct in
 * bittensor-drand `src/drand.rs`). `hotkey` is the committer's 32-byte account id; the chain
 * decodes it as an AccountId and drops the commit when it is not the committer.
 */
import { u8aConcat } from '@polkadot/util';
import { accountIdBytes, encodeCompact, encodeU64, encodeVecU16 } from '../weights/commit-hash';
import { TimelockPayloadError } from './errors';

export interface WeightsTlockPayload {
  hotkey: Uint8Array;
  uids: number[];
  values: number[];
  versionKey: bigint;
}

export function encodeWeightsPayload(p: { hotkey: string | Uint8Array; uids: readonly number[]; values: readonly number[]; versionKey: bigint | number }): Uint8Array {
  if (p.uids.length !== p.values.length) throw new RangeError(`${p.uids.length} uids but ${p.values.length} values`);
  const hotkey = accountIdBytes(p.hotkey);
  return u8aConcat(encodeCompact(hotkey.length), hotkey, encodeVecU16(p.uids), encodeVecU16(p.values), encodeU64(p.versionKey));
}

/** Reads a SCALE compact length; returns [value, bytes used]. */
function readCompact(b: Uint8Array, at: number): [number, number] {
  const first = b[at];
  if (first === undefined) throw new TimelockPayloadError('payload ends inside a length');
  const mode = first & 3;
  if (mode === 0) return [first >> 2, 1];
  if (mode === 1) {
    if (at + 2 > b.length) throw new TimelockPayloadError('payload ends inside a length');
    return [(first | (b[at + 1]! << 8)) >> 2, 2];
  }
  if (mode === 2) {
    if (at + 4 > b.length) throw new TimelockPayloadError('payload ends inside a length');
    return [(first | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 2, 4];
  }
  throw new TimelockPayloadError('payload length too large');
}

/** Decodes a `WeightsTlockPayload` (the chain also accepts a legacy form without `hotkey`, which we never write). */
export function decodeWeightsPayload(b: Uint8Array): WeightsTlockPayload {
  const r = payloadReader(b);
  const hotkey = r.bytes().slice();
  return { hotkey, uids: r.vecU16(), values: r.vecU16(), versionKey: r.u64() };
}

/** reveal_commits.rs `LegacyWeightsTlockPayload { uids, values, version_key }`, which the chain falls back to. */
export function decodeLegacyWeightsPayload(b: Uint8Array): Omit<WeightsTlockPayload, 'hotkey'> {
  const r = payloadReader(b);
  return { uids: r.vecU16(), values: r.vecU16(), versionKey: r.u64() };
}

function payloadReader(b: Uint8Array) {
  let at = 0;
  const take = (n: number): Uint8Array => {
    if (at + n > b.length) throw new TimelockPayloadError(`payload is ${b.length} bytes, too short`, { at, need: n });
    const out = b.subarray(at, at + n);
    at += n;
    return out;
  };
  const vecU16 = (): number[] => {
    const [len, used] = readCompact(b, at);
    at += used;
    const raw = take(len * 2);
    return Array.from({ length: len }, (_, i) => raw[2 * i]! | (raw[2 * i + 1]! << 8));
  };
  const bytes = (): Uint8Array => {
    const [len, used] = readCompact(b, at);
    at += used;
    return take(len);
  };
  const u64 = (): bigint => new DataView(take(8).slice().buffer).getBigUint64(0, true);
  return { bytes, vecU16, u64 };
}
