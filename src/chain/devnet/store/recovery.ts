import * as fs from 'node:fs';
import { join } from 'node:path';
import { StoreCorruptError } from './errors';
import { errnoCode, fsyncDir, io, ioError, removeIfPresent } from './fs-util';
import { parseStoreFileName, storeFileName, type StoreFileName } from './layout';
import { LOG_HEADER_BYTES } from './log-format';
import { createSegment, scanSegment, truncateSegment, type SegmentScan } from './log-segment';
import { readSnapshotFile } from './snapshot-file';

/** What open found on disk and what it had to repair. */
export interface RecoveryReport {
  /** The generation the store resumed at (0: no snapshot was ever written). */
  readonly generation: number;
  /**
   * Bytes cut off the end of the log: the torn tail of an append that a crash interrupted
   * (never one that had returned). 0 after a clean shutdown.
   */
  readonly truncatedBytes: number;
  /** The log file that was truncated, or null. */
  readonly truncatedFile: string | null;
  /** Leftovers of interrupted or superseded writes that were deleted (file names). */
  readonly removedFiles: readonly string[];
  /** Human-readable notes on every repair, for the caller to log. */
  readonly warnings: readonly string[];
}

export interface RecoveredState {
  /** The latest snapshot, or null when none was written (or the store was reset since). */
  readonly snapshot: Uint8Array | null;
  /** Every complete record appended after that snapshot, in append order. */
  readonly records: Uint8Array[];
  readonly recovery: RecoveryReport;
}

export interface RecoveredDir {
  readonly state: RecoveredState;
  readonly generation: number;
  readonly logPath: string;
}

interface DirEntry extends StoreFileName {
  readonly name: string;
}

function listStoreFiles(dir: string): DirEntry[] {
  const entries: DirEntry[] = [];
  for (const name of io('list', dir, () => fs.readdirSync(dir))) {
    const parsed = parseStoreFileName(name);
    if (parsed) entries.push({ name, ...parsed });
  }
  return entries;
}

function readIfPresent(path: string): Buffer | null {
  try {
    return fs.readFileSync(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw ioError('read', path, error);
  }
}

/**
 * Brings the data directory (already locked) back to a consistent state and reads it.
 *
 * The current generation G is the highest one with a snapshot file (0 when there is none);
 * the state is snapshot-G plus the records in log-G. Everything is validated before anything is
 * touched, so a StoreCorruptError leaves the directory as it was. Then: temp files and files of
 * other generations are leftovers of interrupted or superseded snapshot writes and are deleted
 * (a log of a newer generation than G can only be the empty segment of a snapshot write that
 * never committed; one holding records is corruption); a torn tail is truncated; a missing
 * log-G is created empty.
 */
export function recoverDir(dir: string): RecoveredDir {
  const files = listStoreFiles(dir);
  const generation = Math.max(0, ...files.filter((f) => f.kind === 'snapshot' && !f.tmp).map((f) => f.generation));

  // 1. Validate.
  const snapshotPath = join(dir, storeFileName('snapshot', generation));
  const hasSnapshotFile = files.some((f) => f.kind === 'snapshot' && !f.tmp && f.generation === generation);
  const snapshot = hasSnapshotFile ? readSnapshotFile(snapshotPath, generation) : null;
  for (const f of files) {
    if (f.kind !== 'log' || f.tmp || f.generation <= generation) continue;
    const path = join(dir, f.name);
    const size = io('stat', path, () => fs.statSync(path).size);
    if (size > LOG_HEADER_BYTES) {
      throw new StoreCorruptError(
        path,
        LOG_HEADER_BYTES,
        `log segment of generation ${f.generation} holds records, but the latest snapshot is of generation ${generation}`,
      );
    }
  }
  const logPath = join(dir, storeFileName('log', generation));
  const logData = readIfPresent(logPath);
  const scan: SegmentScan | null = logData === null ? null : scanSegment(logPath, logData, generation);

  // 2. Repair.
  const warnings: string[] = [];
  const removedFiles: string[] = [];
  for (const f of files) {
    if (!f.tmp && f.generation === generation) continue;
    if (removeIfPresent(join(dir, f.name))) removedFiles.push(f.name);
  }
  if (removedFiles.length > 0) warnings.push(`removed leftovers of interrupted or superseded writes: ${removedFiles.join(', ')}`);
  let truncatedBytes = 0;
  if (scan === null) {
    createSegment(dir, generation);
    if (snapshot !== null) warnings.push(`log segment ${logPath} was missing; started it empty`);
  } else if (scan.tornReason !== null) {
    truncatedBytes = scan.fileSize - scan.validEnd;
    truncateSegment(logPath, scan.validEnd);
    warnings.push(
      `truncated ${truncatedBytes} bytes at byte ${scan.validEnd} of ${logPath} (${scan.tornReason}): ` +
        'the torn tail of an append interrupted by a crash',
    );
  }
  if (scan === null || removedFiles.length > 0) fsyncDir(dir);

  return {
    generation,
    logPath,
    state: {
      snapshot,
      records: scan?.records ?? [],
      recovery: {
        generation,
        truncatedBytes,
        truncatedFile: truncatedBytes > 0 ? logPath : null,
        removedFiles,
        warnings,
      },
    },
  };
}
