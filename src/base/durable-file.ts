import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Makes the directory's entries (created, renamed, removed files) durable. Platforms that
 * cannot open or fsync a directory (Windows) make renames durable by other means, and some
 * file systems answer EINVAL (nothing to sync), so those refusals are ignored; any other
 * failure is thrown as the raw fs error for the caller to wrap.
 */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!(process.platform === 'win32' || errnoCode(error) === 'EINVAL')) throw error;
  } finally {
    closeSync(fd);
  }
}

export interface DurableWriteOptions {
  /** The file's mode when it is created (default 0o600). */
  readonly mode?: number;
}

/**
 * Writes `data` to `path` so that a crash (`kill -9`, power loss) at any moment leaves either
 * the old file or the new one, never a mix: a temp file next to it (`<path>.tmp`), fsync,
 * rename over the target, fsync the directory. Missing parent directories are created.
 */
export function writeFileDurably(path: string, data: string | Uint8Array, options: DurableWriteOptions = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', options.mode ?? 0o600);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    fsyncDir(dir);
  } catch {
    // The rename is atomic already; only its durability across power loss is at stake.
  }
}
