import { u8aToHex } from '@polkadot/util';

/** State keys and values travel as lowercase 0x-hex strings: cheap to compare, sort and map. */
export type HexKey = `0x${string}`;

export function keyOf(bytes: Uint8Array): HexKey {
  return u8aToHex(bytes) as HexKey;
}
