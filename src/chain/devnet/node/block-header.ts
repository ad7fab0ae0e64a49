import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { TypeRegistry } from '@polkadot/types';
import type { BlockView, Hex } from '../rpc/backend';
import type { HexKey } from '../state/hex-key';

export interface HeaderFields {
  readonly parentHash: Hex;
  readonly number: number;
  readonly stateRoot: Hex;
  readonly extrinsicsRoot: Hex;
  readonly digestLogs: readonly Hex[];
}

/** A block's hash is blake2_256 of its SCALE-encoded header, exactly as clients recompute it. */
export function headerHash(registry: TypeRegistry, h: HeaderFields): Hex {
  const header = registry.createType('Header', {
    parentHash: h.parentHash,
    number: h.number,
    stateRoot: h.stateRoot,
    extrinsicsRoot: h.extrinsicsRoot,
    digest: { logs: h.digestLogs },
  });
  return u8aToHex(blake2AsU8a(header.toU8a(), 256)) as Hex;
}

export function makeBlockView(registry: TypeRegistry, h: HeaderFields, extrinsics: readonly Hex[]): BlockView {
  return { ...h, hash: headerHash(registry, h), extrinsics: [...extrinsics] };
}

/**
 * The dev chain keeps no Merkle trie: its state root is a hash chain over each block's
 * sorted state changes, so it still commits to the whole history and differs whenever
 * the state does.
 */
export function nextStateRoot(parentRoot: Hex, changes: ReadonlyMap<HexKey, Uint8Array | null>): Hex {
  const parts: Uint8Array[] = [hexToU8a(parentRoot)];
  for (const key of [...changes.keys()].sort()) {
    const value = changes.get(key);
    parts.push(hexToU8a(key), value ? blake2AsU8a(value, 256) : new Uint8Array(1));
  }
  return u8aToHex(blake2AsU8a(u8aConcat(...parts), 256)) as Hex;
}

/** blake2_256 over the extrinsics' hashes, in order (a stand-in for the ordered trie root). */
export function extrinsicsRoot(extrinsics: readonly Hex[]): Hex {
  return u8aToHex(blake2AsU8a(u8aConcat(...extrinsics.map((x) => blake2AsU8a(hexToU8a(x), 256))), 256)) as Hex;
}
