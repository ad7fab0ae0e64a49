import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';

/**
 * A directory's exclusive lock: a file (e.g. `LOCK`, `ledger.lock`) holding the owner's pid.
 *
 * - Taking it: the pid is written to a private temp file which is then hard-linked to the lock
 *   file; link() fails if it exists, so taking is atomic and the file never exists half-written.
 * - A lock file whose pid is alive and is not this process: `locked(pid, path)` is thrown.
 * - A lock file whose pid is dead (the owner was killed), unreadable, or this process's own pid
 *   while this process does not hold it (a restarted container often gets the same pid): stale,
 *   taken over. Taking over renames the file aside and checks that what was moved is what was
 *   judged stale, putting it back otherwise, so a process that took the lock in between keeps it.
 * - This process holding it through another handle: `locked(process.pid, path)`.
 *
 * The lock is advisory and guards against a second process of ours on the same directory, not
 * against hostile processes; it is not meant for directories shared between machines. Other
 * fs failures are thrown as the raw fs error, for the caller to wrap.
 */

export interface DirLock {
  readonly path: string;
  /** Removes the lock file if it still holds this process's pid. Idempotent. */
  release(): void;
}

export interface DirLockOptions {
  /** The lock file's name inside the directory. */
  readonly file: string;
  /** The error to throw when a live process (`pid`) holds the lock at `path`. */
  readonly locked: (pid: number, path: string) => Error;
}

/** Lock files held by this process (by real path): its own pid in them does not make them stale. */
const heldByThisProcess = new Set<string>();

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function acquireDirLock(dir: string, options: DirLockOptions): DirLock {
  const path = join(dir, options.file);
  const key = join(fs.realpathSync(dir), options.file);
  if (heldByThisProcess.has(key)) throw options.locked(process.pid, path);
  let lastHolder = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (tryCreateLock(dir, options.file, path)) {
      heldByThisProcess.add(key);
      removeLeftovers(dir, options.file);
      return lockHandle(path, key);
    }
    const content = readLock(path);
    if (content === null) continue; // removed between our link and our read: try again
    const pid = parsePid(content);
    if (pid !== null && pid !== process.pid && isProcessAlive(pid)) throw options.locked(pid, path);
    lastHolder = pid ?? lastHolder;
    breakStaleLock(dir, options.file, path, content);
  }
  // Only reached when other processes keep taking the lock as fast as we break stale ones.
  throw options.locked(lastHolder, path);
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

function removeIfPresent(path: string): boolean {
  try {
    fs.unlinkSync(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

function lockHandle(path: string, key: string): DirLock {
  let released = false;
  return {
    path,
    release(): void {
      if (released) return;
      released = true;
      heldByThisProcess.delete(key);
      const content = readLock(path);
      if (content !== null && parsePid(content) === process.pid) removeIfPresent(path);
    },
  };
}

function privateName(dir: string, file: string, suffix: 'tmp' | 'stale'): string {
  return join(dir, `${file}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

function tryCreateLock(dir: string, file: string, path: string): boolean {
  const tmp = privateName(dir, file, 'tmp');
  fs.writeFileSync(tmp, `${process.pid}\n`, { mode: 0o644 });
  try {
    fs.linkSync(tmp, path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    removeIfPresent(tmp);
  }
}

/** The lock file's content, or null when there is none. */
function readLock(path: string): string | null {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function parsePid(content: string): number | null {
  const text = content.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const pid = Number(text);
  return pid > 0 ? pid : null;
}

/** Removes the lock file if it still has `judged` in it (see the comment at the top). */
function breakStaleLock(dir: string, file: string, path: string, judged: string): void {
  const aside = privateName(dir, file, 'stale');
  try {
    fs.renameSync(path, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  try {
    if (readLock(aside) === judged) return;
    // Someone took the lock after we read it: give it back (unless yet another process has
    // created one meanwhile, which then stands).
    try {
      fs.linkSync(aside, path);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
  } finally {
    removeIfPresent(aside);
  }
}

/** Temp and set-aside lock files of processes that died mid-way (and none of a live one). */
function removeLeftovers(dir: string, file: string): void {
  const pattern = new RegExp(`^${escapeRegExp(file)}\\.(\\d+)\\.[0-9a-f]+\\.(?:tmp|stale)$`);
  for (const name of fs.readdirSync(dir)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || !isProcessAlive(pid)) removeIfPresent(join(dir, name));
  }
}
