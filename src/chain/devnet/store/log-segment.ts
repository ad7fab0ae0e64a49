import * as fs from 'node:fs';
import { StoreCorruptError, UnsupportedStoreFormatError } from './errors';
import { io, writeFileSynced } from './fs-util';
import { FORMAT_VERSION, storeFileName } from './layout';
import { checkFrame, decodeLogHeader, encodeLogHeader, findIntactFrame, FRAME_HEADER_BYTES, LOG_HEADER_BYTES } from './log-format';
import { join } from 'node:path';

/** Reading, repairing and creating log segment files. */

export interface SegmentScan {
  /** The intact records, in order (views into the file's bytes). */
  readonly records: Uint8Array[];
  /** Where the intact records end: the length the file should have. */
  readonly validEnd: number;
  readonly fileSize: number;
  /** Why the bytes past `validEnd` were rejected; null when there are none. */
  readonly tornReason: string | null;
}

/**
 * The records in a segment file's bytes. A bad frame with no intact frame anywhere after it is
 * the torn tail of an append cut short by a crash (each append is fsynced before the next one
 * starts, so only the last frame can be torn): reported, not thrown. A bad frame followed by an
 * intact one cannot come from a crash: StoreCorruptError naming the file and offset.
 */
export function scanSegment(path: string, data: Buffer, generation: number): SegmentScan {
  const header = decodeLogHeader(data);
  if (!header.ok) {
    if ('version' in header) throw new UnsupportedStoreFormatError(path, header.version, FORMAT_VERSION);
    throw new StoreCorruptError(path, header.offset, header.reason);
  }
  if (header.generation !== generation) {
    throw new StoreCorruptError(path, 8, `header says generation ${header.generation}, the file name ${generation}`);
  }
  const records: Uint8Array[] = [];
  let offset = LOG_HEADER_BYTES;
  while (offset < data.length) {
    const frame = checkFrame(data, offset);
    if (!frame.ok) {
      const next = findIntactFrame(data, offset + 1);
      if (next >= 0) throw new StoreCorruptError(path, offset, `${frame.reason}, yet an intact record follows at byte ${next}`);
      return { records, validEnd: offset, fileSize: data.length, tornReason: frame.reason };
    }
    records.push(new Uint8Array(data.buffer, data.byteOffset + offset + FRAME_HEADER_BYTES, frame.payloadLength));
    offset += FRAME_HEADER_BYTES + frame.payloadLength;
  }
  return { records, validEnd: offset, fileSize: data.length, tornReason: null };
}

/** Cuts a segment back to `size` bytes, durably. */
export function truncateSegment(path: string, size: number): void {
  io('truncate', path, () => {
    const fd = fs.openSync(path, 'r+');
    try {
      fs.ftruncateSync(fd, size);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/**
 * Creates the empty segment for `generation` (header only) through a synced temp file and a
 * rename, so the segment never exists half-written. The caller syncs the directory.
 */
export function createSegment(dir: string, generation: number): string {
  const path = join(dir, storeFileName('log', generation));
  const tmp = join(dir, storeFileName('log', generation, true));
  writeFileSynced(tmp, [encodeLogHeader(generation)]);
  io('rename', tmp, () => fs.renameSync(tmp, path));
  return path;
}

/** An fd to append to the segment at `path`, and the segment's size. */
export function openSegmentForAppend(path: string): { fd: number; size: number } {
  return io('open', path, () => {
    const fd = fs.openSync(path, 'r+');
    try {
      return { fd, size: fs.fstatSync(fd).size };
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  });
}
