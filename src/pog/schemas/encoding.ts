import { float32FromLeBytes, float32LeBytes } from '../commitment';
import { MessageValidationError } from './errors';

// Both checks below compare a native decode-and-re-encode with the input: the encoders' outputs
// are exactly the canonical spellings (lowercase hex of whole bytes; padded standard base64 with
// zero unused bits), so the equality accepts precisely those, in one native pass instead of a
// regex over every character (a validator reads megabytes of openings per round).

/** Lowercase hex of the bytes: the one spelling the schemas accept. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Bytes of a lowercase hex string; exactly expectedBytes of them when given. */
export function hexToBytes(hex: string, expectedBytes?: number): Uint8Array {
  const bytes = typeof hex === 'string' ? Buffer.from(hex, 'hex') : null;
  if (bytes === null || bytes.toString('hex') !== hex) {
    throw new MessageValidationError('hex must be an even number of lowercase hex digits', { issues: ['hex: malformed'] });
  }
  if (expectedBytes !== undefined && hex.length !== 2 * expectedBytes) {
    throw new MessageValidationError(`hex must encode exactly ${expectedBytes} bytes, got ${hex.length / 2}`, {
      issues: ['hex: wrong length'],
    });
  }
  return bytes;
}

/**
 * True for standard padded base64 whose unused trailing bits are zero, so every byte string has
 * exactly one accepted spelling (Buffer's decoder alone would accept many).
 */
export function isCanonicalBase64(text: string): boolean {
  return typeof text === 'string' && Buffer.from(text, 'base64').toString('base64') === text;
}

/** Bytes a canonical base64 string decodes to, computed from its length alone. */
export function base64DecodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Characters of the base64 encoding of `bytes` bytes. */
export function base64EncodedLength(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** float32 values as base64 of their little-endian bytes. */
export function float32ToBase64(values: Float32Array): string {
  const bytes = float32LeBytes(values);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** float32 values from canonical base64 of little-endian bytes. */
export function base64ToFloat32(text: string): Float32Array {
  if (!isCanonicalBase64(text)) {
    throw new MessageValidationError('float32 data must be canonical padded base64', { issues: ['base64: malformed'] });
  }
  if (base64DecodedLength(text) % 4 !== 0) {
    throw new MessageValidationError('float32 data must be a whole number of 4-byte values', { issues: ['base64: length'] });
  }
  return float32FromLeBytes(Buffer.from(text, 'base64'));
}
