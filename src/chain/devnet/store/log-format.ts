import { crc32 } from './crc32';
import { asBuffer, FORMAT_VERSION } from './layout';

/** Log segments: a header naming the generation, then CRC-checked record frames (see layout.ts). */

const LOG_MAGIC = Buffer.from('POGLOG', 'ascii');
export const LOG_HEADER_BYTES = 16;

export function encodeLogHeader(generation: number): Buffer {
  const header = Buffer.alloc(LOG_HEADER_BYTES);
  LOG_MAGIC.copy(header, 0);
  header.writeUInt16LE(FORMAT_VERSION, 6);
  header.writeBigUInt64LE(BigInt(generation), 8);
  return header;
}

export type HeaderCheck =
  | { readonly ok: true; readonly generation: number }
  | { readonly ok: false; readonly offset: number; readonly reason: string }
  | { readonly ok: false; readonly version: number };

export function decodeLogHeader(data: Uint8Array): HeaderCheck {
  const buf = asBuffer(data);
  if (buf.length < LOG_HEADER_BYTES) return { ok: false, offset: buf.length, reason: `file is ${buf.length} bytes, shorter than its header` };
  if (!buf.subarray(0, 6).equals(LOG_MAGIC)) return { ok: false, offset: 0, reason: 'not a log segment (bad magic)' };
  const version = buf.readUInt16LE(6);
  if (version !== FORMAT_VERSION) return { ok: false, version };
  return { ok: true, generation: Number(buf.readBigUInt64LE(8)) };
}

// ---- record frames ---------------------------------------------------------------------

export const FRAME_MAGIC = 0x52b74c9e;
const FRAME_MAGIC_BYTES = (() => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(FRAME_MAGIC, 0);
  return b;
})();
export const FRAME_HEADER_BYTES = 12;
/** The largest length a frame can carry (u32). */
export const MAX_FRAME_PAYLOAD = 0xffffffff;

function frameChecksum(lengthBytes: Uint8Array, payload: Uint8Array): number {
  return crc32(payload, crc32(lengthBytes));
}

/** One frame, header and payload in a single buffer so it goes out in one write. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(FRAME_MAGIC, 0);
  frame.writeUInt32LE(payload.length, 4);
  frame.writeUInt32LE(frameChecksum(frame.subarray(4, 8), payload), 8);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

export type FrameCheck =
  | { readonly ok: true; readonly payloadLength: number }
  | { readonly ok: false; readonly reason: string };

/** Whether a complete, intact frame starts at `offset`. */
export function checkFrame(buf: Buffer, offset: number): FrameCheck {
  const available = buf.length - offset;
  if (available < FRAME_HEADER_BYTES) return { ok: false, reason: `partial frame header (${available} of ${FRAME_HEADER_BYTES} bytes)` };
  if (buf.readUInt32LE(offset) !== FRAME_MAGIC) return { ok: false, reason: 'bad frame magic' };
  const length = buf.readUInt32LE(offset + 4);
  if (length > available - FRAME_HEADER_BYTES) {
    return { ok: false, reason: `partial frame (${available - FRAME_HEADER_BYTES} of ${length} payload bytes)` };
  }
  const payload = buf.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length);
  if (frameChecksum(buf.subarray(offset + 4, offset + 8), payload) !== buf.readUInt32LE(offset + 8)) {
    return { ok: false, reason: 'frame checksum mismatch' };
  }
  return { ok: true, payloadLength: length };
}

/** The offset of the first intact frame at or after `from`, or -1. */
export function findIntactFrame(buf: Buffer, from: number): number {
  for (let at = buf.indexOf(FRAME_MAGIC_BYTES, from); at >= 0; at = buf.indexOf(FRAME_MAGIC_BYTES, at + 1)) {
    if (checkFrame(buf, at).ok) return at;
  }
  return -1;
}
