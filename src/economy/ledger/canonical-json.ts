import { blake2AsHex } from '@polkadot/util-crypto';

/** blake2-256 of the UTF-8 bytes, 0x-prefixed hex: what `system.remark_with_event` reports for a remark. */
export function blake2Hex(text: string): string {
  return blake2AsHex(new TextEncoder().encode(text), 256);
}
