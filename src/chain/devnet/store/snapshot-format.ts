import { crc32 } from './crc32';
import { asBuffer, FORMAT_VERSION } from './layout';

/** Snapshot files: a checksummed header and the payload (see layout.ts). */

const SNAPSHOT_MAGIC = Buffer.from('POGSNP', 'ascii');
export const SNAPSHOT_HEADER_BYTES = 32;
export const SNAPSHOT_FLAG_EMPTY = 1;

/** The header for `payload`; null payload writes the EMPTY ("no state") marker. */
export function encodeSnapshotHeader(generation: number, payload: Uint8Array | null): Buffer {
  const header = Buffer.alloc(SNAPSHOT_HEADER_BYTES);
  SNAPSHOT_MAGIC.copy(header, 0);
  header.writeUInt16LE(FORMAT_VERSION, 6);
  header.writeBigUInt64LE(BigInt(generation), 8);
  header.writeUInt32LE(payload === null ? SNAPSHOT_FLAG_EMPTY : 0, 16);
  header.writeBigUInt64LE(BigInt(payload?.length ?? 0), 20);
  header.writeUInt32LE(crc32(payload ?? new Uint8Array(0), crc32(header.subarray(0, 28))), 28);
  return header;
}

export type SnapshotCheck =
  | { readonly ok: true; readonly generation: number; readonly payload: Uint8Array | null }
  | { readonly ok: false; readonly offset: number; readonly reason: string }
  | { readonly ok: false; readonly version: number };

/** Parses and verifies a whole snapshot file; the payload is a view into `data`. */
export function decodeSnapshot(data: Uint8Array): SnapshotCheck {
  const buf = asBuffer(data);
  if (buf.length < SNAPSHOT_HEADER_BYTES) {
    return { ok: false, offset: buf.length, reason: `file is ${buf.length} bytes, shorter than its header` };
  }
  if (!buf.subarray(0, 6).equals(SNAPSHOT_MAGIC)) return { ok: false, offset: 0, reason: 'not a snapshot (bad magic)' };
  const version = buf.readUInt16LE(6);
  if (version !== FORMAT_VERSION) return { ok: false, version };
  const generation = Number(buf.readBigUInt64LE(8));
  const flags = buf.readUInt32LE(16);
  const length = Number(buf.readBigUInt64LE(20));
  if (buf.length - SNAPSHOT_HEADER_BYTES !== length) {
    return { ok: false, offset: 20, reason: `header says ${length} payload bytes, file holds ${buf.length - SNAPSHOT_HEADER_BYTES}` };
  }
  const payload = buf.subarray(SNAPSHOT_HEADER_BYTES);
  if (crc32(payload, crc32(buf.subarray(0, 28))) !== buf.readUInt32LE(28)) {
    return { ok: false, offset: 28, reason: 'snapshot checksum mismatch' };
  }
  if (flags & ~SNAPSHOT_FLAG_EMPTY) return { ok: false, offset: 16, reason: `unknown flags 0x${flags.toString(16)}` };
  if (flags & SNAPSHOT_FLAG_EMPTY) {
    if (length !== 0) return { ok: false, offset: 20, reason: 'empty-state marker with a payload' };
    return { ok: true, generation, payload: null };
  }
  return { ok: true, generation, payload: new Uint8Array(payload.buffer, payload.byteOffset, payload.length) };
}
