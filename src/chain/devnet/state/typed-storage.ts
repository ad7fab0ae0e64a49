import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aConcat } from '@polkadot/util';
import type { DevnetMetadata } from '../metadata/build-metadata';
import { keyOf, type HexKey } from './hex-key';
import type { StateWriter } from './state-overlay';
import { metadataCache } from '../metadata/metadata-cache';
import { hashKeyPart, hashPrefixLength, storagePrefix } from './storage-hashers';

const KEY_CACHE_SIZE = 65_536;
/** Encoded storage-key parts by type and value (lookup type names belong to one metadata). */
const encodedKeys = metadataCache<Uint8Array>();
/** Each storage item's layout, worked out from the metadata once. */
const entryInfos = metadataCache<EntryInfo>();

interface EntryInfo {
  readonly prefix: Uint8Array;
  readonly hashers: readonly string[];
  readonly keyTypes: readonly string[];
  readonly valueType: string;
  readonly optional: boolean;
  readonly fallback: Uint8Array;
}

/**
 * Storage items addressed by pallet and item name, with keys hashed and values
 * SCALE-encoded exactly as the metadata declares, over any writable state.
 */
export class TypedStorage {

  constructor(
    readonly md: DevnetMetadata,
    readonly state: StateWriter,
  ) {}

  key(pallet: string, item: string, keys: readonly unknown[] = []): HexKey {
    const info = this.info(pallet, item);
    if (keys.length !== info.hashers.length) {
      throw new Error(`${pallet}.${item} takes ${info.hashers.length} key(s), got ${keys.length}`);
    }
    return this.prefix(pallet, item, keys);
  }

  /** The raw prefix of all entries whose first keys are `keys`. */
  prefix(pallet: string, item: string, keys: readonly unknown[] = []): HexKey {
    const info = this.info(pallet, item);
    return keyOf(u8aConcat(info.prefix, ...this.keyParts(info, keys)));
  }

  /** The value, or the item's default when absent (null for an absent Optional item). */
  get<T extends Codec = Codec>(pallet: string, item: string, keys: readonly unknown[] = []): T | null {
    const info = this.info(pallet, item);
    const raw = this.state.get(this.key(pallet, item, keys));
    if (raw === undefined) return info.optional ? null : (this.md.registry.createType(info.valueType, info.fallback) as unknown as T);
    return this.md.registry.createType(info.valueType, raw) as unknown as T;
  }

  has(pallet: string, item: string, keys: readonly unknown[] = []): boolean {
    return this.state.get(this.key(pallet, item, keys)) !== undefined;
  }

  set(pallet: string, item: string, keys: readonly unknown[], value: unknown): void {
    const info = this.info(pallet, item);
    this.state.set(this.key(pallet, item, keys), this.md.registry.createType(info.valueType, value).toU8a());
  }

  remove(pallet: string, item: string, keys: readonly unknown[] = []): void {
    this.state.delete(this.key(pallet, item, keys));
  }

  /** Entries under the first `keys`, with every key decoded (hashers must be transparent). */
  entries<T extends Codec = Codec>(pallet: string, item: string, keys: readonly unknown[] = []): [Codec[], T][] {
    const info = this.info(pallet, item);
    const prefix = this.prefix(pallet, item, keys);
    return this.state.keysWithPrefix(prefix).map((k) => {
      const bytes = hexToU8a(k).subarray(info.prefix.length);
      const decoded: Codec[] = [];
      let offset = 0;
      info.hashers.forEach((hasher, i) => {
        const skip = hashPrefixLength(hasher);
        if (skip < 0) throw new Error(`${pallet}.${item}: ${hasher} keys cannot be decoded`);
        offset += skip;
        const key = this.md.registry.createType(info.keyTypes[i]!, bytes.subarray(offset));
        offset += key.encodedLength;
        decoded.push(key);
      });
      return [decoded, this.md.registry.createType(info.valueType, this.state.get(k)!) as unknown as T];
    });
  }

  /** Removes every entry under the first `keys`. */
  clearPrefix(pallet: string, item: string, keys: readonly unknown[] = []): void {
    for (const k of this.state.keysWithPrefix(this.prefix(pallet, item, keys))) this.state.delete(k);
  }

  private keyParts(info: EntryInfo, keys: readonly unknown[]): Uint8Array[] {
    return keys.map((k, i) => hashKeyPart(info.hashers[i]!, this.encodeKey(info.keyTypes[i]!, k)));
  }

  /** SS58 strings and numbers recur in every key; decoding base58 each time dominated profiles. */
  private encodeKey(type: string, key: unknown): Uint8Array {
    if (typeof key !== 'string' && typeof key !== 'number') return this.md.registry.createType(type, key).toU8a();
    const keyCache = encodedKeys(this.md);
    const id = `${type}:${key}`;
    let bytes = keyCache.get(id);
    if (!bytes) {
      bytes = this.md.registry.createType(type, key).toU8a();
      if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
      keyCache.set(id, bytes);
    }
    return bytes;
  }

  private info(pallet: string, item: string): EntryInfo {
    const id = `${pallet}.${item}`;
    const infos = entryInfos(this.md);
    const cached = infos.get(id);
    if (cached) return cached;
    const p = this.md.json.pallets.find((x) => x.name === pallet);
    const entry = p?.storage?.items.find((x) => x.name === item);
    if (!p || !entry) throw new Error(`storage ${id} is not in the dev chain's metadata`);
    const lookupName = (typeId: number) => this.md.registry.createLookupType(typeId);
    let hashers: string[] = [];
    let keyTypes: string[] = [];
    let valueType: string;
    if ('plain' in entry.type) {
      valueType = lookupName(entry.type.plain);
    } else {
      hashers = entry.type.map.hashers;
      valueType = lookupName(entry.type.map.value);
      if (hashers.length === 1) {
        keyTypes = [lookupName(entry.type.map.key)];
      } else {
        const keyDef = this.md.json.lookup.types[entry.type.map.key]?.type.def;
        if (!keyDef || !('tuple' in keyDef)) throw new Error(`${id}: multi-key map without a tuple key`);
        keyTypes = keyDef.tuple.map(lookupName);
      }
    }
    const prefix = storagePrefix(p.storage!.prefix, item);
    const info: EntryInfo = {
      prefix,
      hashers,
      keyTypes,
      valueType,
      optional: entry.modifier === 'Optional',
      fallback: hexToU8a(entry.fallback),
    };
    infos.set(id, info);
    return info;
  }
}
