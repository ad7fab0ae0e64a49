import * as fs from 'node:fs';
import { join } from 'node:path';
import { StoreCorruptError, UnsupportedStoreFormatError } from './errors';
import { io, writeFileSynced } from './fs-util';
import { FORMAT_VERSION, storeFileName } from './layout';
import { decodeSnapshot, encodeSnapshotHeader } from './snapshot-format';

/** Reading and writing snapshot files. */

/**
 * The payload of the snapshot file at `path` (null for the empty-state marker). A snapshot is
 * renamed into place only after it was fully written and fsynced, so any damage is corruption,
 * never a crash artifact: StoreCorruptError.
 */
export function readSnapshotFile(path: string, generation: number): Uint8Array | null {
  const data = io('read', path, () => fs.readFileSync(path));
  const snapshot = decodeSnapshot(data);
  if (!snapshot.ok) {
    if ('version' in snapshot) throw new UnsupportedStoreFormatError(path, snapshot.version, FORMAT_VERSION);
    throw new StoreCorruptError(path, snapshot.offset, snapshot.reason);
  }
  if (snapshot.generation !== generation) {
    throw new StoreCorruptError(path, 8, `header says generation ${snapshot.generation}, the file name ${generation}`);
  }
  return snapshot.payload;
}

/**
 * Writes the snapshot of `generation` (null: the empty-state marker) to its `.tmp` name and
 * fsyncs it; returns the temp path and the final path for the caller's rename.
 */
export function writeSnapshotTemp(dir: string, generation: number, payload: Uint8Array | null): { tmp: string; path: string } {
  const tmp = join(dir, storeFileName('snapshot', generation, true));
  const chunks = payload === null ? [encodeSnapshotHeader(generation, null)] : [encodeSnapshotHeader(generation, payload), payload];
  writeFileSynced(tmp, chunks);
  return { tmp, path: join(dir, storeFileName('snapshot', generation)) };
}
