import { HASH_BYTES, type Opening } from '../commitment';
import { base64ToFloat32, bytesToHex, float32ToBase64, hexToBytes } from './encoding';
import type { OpeningWire } from './messages';

/** A commitment opening in wire form. */
export function encodeOpening(opening: Opening): OpeningWire {
  return { leafIndex: opening.leafIndex, rows: float32ToBase64(opening.rows), proof: opening.proof.map(bytesToHex) };
}

/**
 * An opening from its (schema-checked) wire form. Whether it has the right size for the
 * challenge and matches the root is verifyOpening's job, not this decoder's.
 */
export function decodeOpening(wire: OpeningWire): Opening {
  return { leafIndex: wire.leafIndex, rows: base64ToFloat32(wire.rows), proof: wire.proof.map((h) => hexToBytes(h, HASH_BYTES)) };
}
