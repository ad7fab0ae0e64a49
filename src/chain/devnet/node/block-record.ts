import { hexToU8a, u8aToHex, stringToU8a, u8aToString } from '@polkadot/util';
import type { BlockView, Hex } from '../rpc/backend';
import type { HexKey } from '../state/hex-key';

/** What the store keeps per block: the block itself and its state changes. */
export interface BlockRecord {
  readonly block: BlockView;
  readonly timestamp: number;
  readonly changes: ReadonlyArray<readonly [HexKey, Hex | null]>;
}

/** The state at a block plus the recent blocks, so a restart can resume from it. */
export interface ChainSnapshot {
  readonly genesisHash: Hex;
  readonly headNumber: number;
  readonly headTimestamp: number;
  readonly blocks: readonly BlockView[];
  readonly state: ReadonlyArray<readonly [HexKey, Hex]>;
}

export function encodeRecord(record: BlockRecord): Uint8Array {
  return stringToU8a(JSON.stringify(record));
}

export function decodeRecord(bytes: Uint8Array): BlockRecord {
  return JSON.parse(u8aToString(bytes)) as BlockRecord;
}

export function encodeSnapshot(snapshot: ChainSnapshot): Uint8Array {
  return stringToU8a(JSON.stringify(snapshot));
}

export function decodeSnapshot(bytes: Uint8Array): ChainSnapshot {
  return JSON.parse(u8aToString(bytes)) as ChainSnapshot;
}

export function changesToRecord(changes: ReadonlyMap<HexKey, Uint8Array | null>): [HexKey, Hex | null][] {
  return [...changes].map(([k, v]) => [k, v === null ? null : (u8aToHex(v) as Hex)]);
}

export function changesFromRecord(changes: BlockRecord['changes']): Map<HexKey, Uint8Array | null> {
  return new Map(changes.map(([k, v]) => [k, v === null ? null : hexToU8a(v)]));
}
