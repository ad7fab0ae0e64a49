import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fsyncDir as fsyncBaseDir } from '../../../base';
import { ChainStoreError, StoreIoError } from './errors';

/**
 * The synchronous, fsync-ing file primitives the store is built from. Every fs failure comes
 * out as StoreIoError naming the operation and path.
 */

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** `error` as a store error: fs errors become StoreIoError, store errors pass through. */
export function ioError(operation: string, path: string, error: unknown): ChainStoreError {
  return error instanceof ChainStoreError ? error : new StoreIoError(operation, path, errnoCode(error), error);
}

/** Runs `fn`, turning a raw fs error into StoreIoError (store errors pass through). */
export function io<T>(operation: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw ioError(operation, path, error);
  }
}

/** Writes all of `data` at `position`, looping over short writes. */
export function writeFully(fd: number, data: Uint8Array, position: number): void {
  let done = 0;
  while (done < data.length) {
    done += fs.writeSync(fd, data, done, data.length - done, position + done);
  }
}

/** base/durable-file.ts's fsyncDir, its failures as StoreIoError. */
export function fsyncDir(dir: string): void {
  io('fsync directory', dir, () => fsyncBaseDir(dir));
}

/** Creates (or truncates) `path`, writes `chunks` and fsyncs it. Does not sync the directory. */
export function writeFileSynced(path: string, chunks: readonly Uint8Array[]): void {
  io('write', path, () => {
    const fd = fs.openSync(path, 'w', 0o600);
    try {
      let position = 0;
      for (const chunk of chunks) {
        writeFully(fd, chunk, position);
        position += chunk.length;
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/**
 * Creates `dir` and any missing parents, and makes the new entries durable by syncing the
 * parent of each directory created.
 */
export function ensureDir(dir: string): void {
  const absolute = resolve(dir);
  const firstCreated = io('create directory', absolute, () => fs.mkdirSync(absolute, { recursive: true, mode: 0o700 }));
  if (firstCreated === undefined) return;
  for (let created = absolute; ; created = dirname(created)) {
    fsyncDir(dirname(created));
    if (created === resolve(firstCreated) || dirname(created) === created) break;
  }
}

/** Removes `path`; true when it was there. */
export function removeIfPresent(path: string): boolean {
  try {
    fs.unlinkSync(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw ioError('remove', path, error);
  }
}
