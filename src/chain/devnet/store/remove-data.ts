import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { errnoCode, fsyncDir, io, ioError, removeIfPresent } from './fs-util';
import { acquireDirLock } from './lock';
import { parseStoreFileName } from './layout';
import { writeSnapshotTemp } from './snapshot-file';

/**
 * `--reset`: deletes the chain store in `dir` without reading it (so it also clears a store
 * that fails to open as corrupt). Takes the lock first: DataDirLockedError while a dev chain
 * runs there. Only the store's own files are deleted; `dir` itself goes too if that leaves it
 * empty. A missing `dir` is fine.
 *
 * Crash-safe like ChainStore.reset: an empty-state marker of a generation above every file
 * present is committed first (recovery then yields nothing, whatever else survives), then the
 * other files are deleted, then the marker.
 */
export function removeChainData(dir: string): void {
  const absolute = resolve(dir);
  if (!fs.existsSync(absolute)) return;
  const lock = acquireDirLock(absolute);
  try {
    const names = io('list', absolute, () => fs.readdirSync(absolute));
    const storeFiles = names.flatMap((name) => {
      const parsed = parseStoreFileName(name);
      return parsed ? [{ name, ...parsed }] : [];
    });
    if (storeFiles.length > 0) {
      const marker = writeSnapshotTemp(absolute, Math.max(...storeFiles.map((f) => f.generation)) + 1, null);
      io('rename', marker.tmp, () => fs.renameSync(marker.tmp, marker.path));
      fsyncDir(absolute);
      for (const f of storeFiles) removeIfPresent(join(absolute, f.name));
      fsyncDir(absolute);
      removeIfPresent(marker.path);
      fsyncDir(absolute);
    }
  } finally {
    lock.release();
  }
  try {
    fs.rmdirSync(absolute);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw ioError('remove directory', absolute, error);
  }
}
