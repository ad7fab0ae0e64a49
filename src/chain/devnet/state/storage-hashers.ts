import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';

/** Substrate's storage hashers, by their metadata names. */
export function hashKeyPart(hasher: string, encoded: Uint8Array): Uint8Array {
  switch (hasher) {
    case 'Blake2_128':
      return blake2AsU8a(encoded, 128);
    case 'Blake2_256':
      return blake2AsU8a(encoded, 256);
    case 'Blake2_128Concat':
      return u8aConcat(blake2AsU8a(encoded, 128), encoded);
    case 'Twox128':
      return xxhashAsU8a(encoded, 128);
    case 'Twox256':
      return xxhashAsU8a(encoded, 256);
    case 'Twox64Concat':
      return u8aConcat(xxhashAsU8a(encoded, 64), encoded);
    case 'Identity':
      return encoded;
    default:
      throw new Error(`unknown storage hasher ${hasher}`);
  }
}

/** Bytes of hash that precede the key itself for the "concat" hashers; -1 when the key is not recoverable. */
export function hashPrefixLength(hasher: string): number {
  switch (hasher) {
    case 'Blake2_128Concat':
      return 16;
    case 'Twox64Concat':
      return 8;
    case 'Identity':
      return 0;
    default:
      return -1;
  }
}

export function storagePrefix(pallet: string, item: string): Uint8Array {
  return u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128));
}
