import { BaseError } from '../../../base';
/**
 * Errors raised by the dev chain's block store. One class per failure mode a caller handles
 * differently; all extend ChainStoreError. A torn tail left by a crash is not an error: open
 * truncates it and reports it in `recovery`.
 */
export class ChainStoreError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/** Another live process (or this process, through another open store) holds the data directory. */
export class DataDirLockedError extends ChainStoreError {
  constructor(readonly dir: string, readonly pid: number, readonly lockPath: string) {
    super(
      `data directory ${dir} is in use by process ${pid} (lock file ${lockPath}); ` +
        'stop that process, or remove the lock file if no dev chain is running there',
      { dir, pid, lockPath },
    );
  }
}

/**
 * Damage that a crash cannot produce: a bad record followed by good ones, a snapshot that
 * does not match its checksum, a file whose header is wrong, a record segment with records but
 * no snapshot to go with it. Nothing is repaired or deleted; the file and byte offset are named.
 */
export class StoreCorruptError extends ChainStoreError {
  constructor(readonly file: string, readonly offset: number, readonly reason: string) {
    super(`chain store file ${file} is corrupt at byte ${offset}: ${reason}`, { file, offset, reason });
  }
}

/** A store file written by a newer (or unknown) version of the on-disk format. */
export class UnsupportedStoreFormatError extends ChainStoreError {
  constructor(readonly file: string, readonly version: number, readonly supported: number) {
    super(`chain store file ${file} has format version ${version}; this build reads version ${supported}`, {
      file,
      version,
      supported,
    });
  }
}

/** A record larger than the store's `maxRecordBytes`; nothing was written. */
export class RecordTooLargeError extends ChainStoreError {
  constructor(readonly size: number, readonly max: number) {
    super(`record of ${size} bytes exceeds the store's limit of ${max} bytes`, { size, max });
  }
}

/** A file-system call failed (disk full, permissions, I/O error). */
export class StoreIoError extends ChainStoreError {
  constructor(readonly operation: string, readonly path: string, readonly code: string | undefined, cause: unknown) {
    super(`${operation} ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      operation,
      path,
      code,
    });
    this.cause = cause;
  }
}

/** The store was used after `close()`. */
export class StoreClosedError extends ChainStoreError {
  constructor(readonly dir: string) {
    super(`chain store ${dir} is closed`, { dir });
  }
}

/**
 * An earlier write failed part-way, so what is on disk past the last acknowledged record is
 * unknown; the store refuses further writes. Close it and open it again: recovery sorts it out.
 */
export class StoreFailedError extends ChainStoreError {
  constructor(readonly dir: string, readonly failure: Error) {
    super(`chain store ${dir} refused the write: an earlier write failed (${failure.message}); reopen the store to recover`, {
      dir,
    });
    this.cause = failure;
  }
}
