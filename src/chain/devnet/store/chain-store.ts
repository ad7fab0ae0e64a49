import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../../../logging';
import { RecordTooLargeError, StoreClosedError, StoreFailedError } from './errors';
import { ensureDir, fsyncDir, io, ioError, removeIfPresent, writeFully } from './fs-util';
import { acquireDirLock, type DirLock } from './lock';
import { storeFileName } from './layout';
import { encodeFrame, LOG_HEADER_BYTES, MAX_FRAME_PAYLOAD } from './log-format';
import { createSegment, openSegmentForAppend } from './log-segment';
import { recoverDir, type RecoveredState } from './recovery';
import { writeSnapshotTemp } from './snapshot-file';

/** Records are blocks (100 B to 1 MB); the default limit leaves ample room. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface ChainStoreOptions {
  /** Largest record `append` accepts (default 64 MiB, at most 4 GiB - 1). */
  readonly maxRecordBytes?: number;
  /** Recovery warnings (a truncated torn tail, removed leftovers) are logged here at warn. */
  readonly logger?: Pick<Logger, 'warn'>;
}

/**
 * Opens (creating it if missing) the chain store in `dir`: takes the directory's lock
 * (DataDirLockedError when a live process holds it), recovers from whatever a crash left, and
 * returns the store with the recovered state in `store.recovered`.
 */
export function openChainStore(dir: string, options: ChainStoreOptions = {}): ChainStore {
  const absolute = resolve(dir);
  ensureDir(absolute);
  const lock = acquireDirLock(absolute);
  try {
    const recovered = recoverDir(absolute);
    for (const warning of recovered.state.recovery.warnings) options.logger?.warn({ dir: absolute }, warning);
    const segment = openSegmentForAppend(recovered.logPath);
    return new ChainStore(absolute, lock, recovered.state, recovered.generation, segment, options);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * An append-only record log with snapshots, durable through `kill -9` at any moment. Every
 * method is synchronous and returns only once its data is on disk (fsync).
 */
export class ChainStore {
  readonly dir: string;
  /** What open recovered: the latest snapshot and the records after it. */
  readonly recovered: RecoveredState;
  private readonly maxRecordBytes: number;
  private generationValue: number;
  private fd: number | null;
  private logSize: number;
  private recordCount: number;
  private failure: Error | null = null;

  /** Use openChainStore. */
  constructor(
    dir: string,
    private readonly lock: DirLock,
    recovered: RecoveredState,
    generation: number,
    segment: { fd: number; size: number },
    options: ChainStoreOptions,
  ) {
    this.dir = dir;
    this.recovered = recovered;
    this.maxRecordBytes = Math.min(options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, MAX_FRAME_PAYLOAD);
    this.generationValue = generation;
    this.fd = segment.fd;
    this.logSize = segment.size;
    this.recordCount = recovered.records.length;
  }

  /** The current generation: the number of the latest snapshot (0 before the first). */
  get generation(): number {
    return this.generationValue;
  }

  /** Records appended since the latest snapshot (recovered ones included). */
  get recordsSinceSnapshot(): number {
    return this.recordCount;
  }

  /** Size in bytes of the current log segment, header included. */
  get logBytes(): number {
    return this.logSize;
  }

  get closed(): boolean {
    return this.fd === null;
  }

  /**
   * Appends one record and fsyncs it: once this returns, the record survives any crash.
   * A failed write leaves the store refusing further writes (StoreFailedError); reopening it
   * drops whatever part of the record reached the disk.
   */
  append(record: Uint8Array): void {
    const fd = this.writableFd();
    if (record.length > this.maxRecordBytes) throw new RecordTooLargeError(record.length, this.maxRecordBytes);
    const frame = encodeFrame(record);
    const path = join(this.dir, storeFileName('log', this.generationValue));
    try {
      writeFully(fd, frame, this.logSize);
      fs.fsyncSync(fd);
    } catch (error) {
      throw this.fail(ioError('append to', path, error));
    }
    this.logSize += frame.length;
    this.recordCount += 1;
  }

  /**
   * Replaces the snapshot with `state` (which must reflect every record appended so far) and
   * starts an empty log segment; the previous snapshot and records are deleted.
   */
  writeSnapshot(state: Uint8Array): void {
    this.commitGeneration(state);
  }

  /** Drops everything: the next open recovers `snapshot: null, records: []`. Atomic like writeSnapshot. */
  reset(): void {
    this.commitGeneration(null);
  }

  /** Closes the log and releases the directory lock. Idempotent. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.closeSync(fd);
    } finally {
      this.lock.release();
    }
  }

  /*
   * Switching generation g -> n = g + 1. Recovery takes the highest generation that has a
   * snapshot file, so renaming snapshot-n into place is the single commit point:
   *
   *   1. write snapshot-n.tmp, fsync it            crash: tmp is deleted on open; g intact
   *   2. write log-n.tmp (header only), fsync,
   *      rename to log-n, fsync the directory      crash: log-n has no snapshot-n, is empty,
   *                                                and is deleted on open; g intact
   *   3. rename snapshot-n.tmp -> snapshot-n,
   *      fsync the directory                       COMMIT. Once the rename is on disk, open
   *                                                finds snapshot-n, complete (synced before the
   *                                                rename) with log-n (synced in 2), and
   *                                                deletes g's files.
   *   4. append to log-n from now on; delete log-g and snapshot-g (best effort: open repeats it)
   *
   * Records reach log-n only after 3, so before the commit log-n is empty and after it the
   * state is snapshot-n (which covers every record of log-g) plus log-n: no record is lost
   * or counted twice whichever side of the rename a crash falls.
   */
  private commitGeneration(state: Uint8Array | null): void {
    const oldFd = this.writableFd();
    const old = this.generationValue;
    const next = old + 1;
    let snapshot: { tmp: string; path: string } | null = null;
    let newLog: string | null = null;
    try {
      snapshot = writeSnapshotTemp(this.dir, next, state);
      newLog = createSegment(this.dir, next);
      fsyncDir(this.dir);
      const { tmp, path } = snapshot;
      io('rename', tmp, () => fs.renameSync(tmp, path));
    } catch (error) {
      // Not committed: the old generation stands. Tidy up (open would do it too).
      for (const leftover of [snapshot?.tmp, newLog]) {
        if (leftover === undefined || leftover === null) continue;
        try {
          removeIfPresent(leftover);
        } catch {
          // recovery removes it
        }
      }
      throw ioError('write snapshot in', this.dir, error);
    }
    try {
      fsyncDir(this.dir);
      const segment = openSegmentForAppend(newLog);
      this.fd = segment.fd;
      this.logSize = LOG_HEADER_BYTES;
      this.recordCount = 0;
      this.generationValue = next;
      fs.closeSync(oldFd);
      removeIfPresent(join(this.dir, storeFileName('log', old)));
      removeIfPresent(join(this.dir, storeFileName('snapshot', old)));
    } catch (error) {
      throw this.fail(ioError('switch to snapshot generation in', this.dir, error));
    }
  }

  private writableFd(): number {
    if (this.fd === null) throw new StoreClosedError(this.dir);
    if (this.failure) throw new StoreFailedError(this.dir, this.failure);
    return this.fd;
  }

  private fail(error: Error): Error {
    this.failure = error;
    return error;
  }
}
