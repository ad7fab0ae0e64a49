import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError } from './errors';
import { errnoCode, io, ioError, removeIfPresent } from './fs-util';
import { LOCK_FILE } from './layout';

/**
 * The data directory's exclusive lock: a file `LOCK` holding the owner's pid.
 *
 * - Taking it: the pid is written to a private temp file which is then hard-linked to `LOCK`;
 *   link() fails if `LOCK` exists, so taking is atomic and `LOCK` never exists half-written.
 * - A `LOCK` whose pid is alive and is not this process: DataDirLockedError.
 * - A `LOCK` whose pid is dead (the owner was killed), unreadable, or this process's own pid
 *   while this process does not hold it (a restarted container often gets the same pid): stale,
 *   taken over. Taking over renames the file aside and checks that what was moved is what was
 *   judged stale, putting it back otherwise, so a process that took the lock in between keeps it.
 * - This process holding it through another open store: DataDirLockedError (with our pid).
 *
 * The lock is advisory and guards against a second dev chain on the same directory, not
 * against hostile processes; it is not meant for directories shared between machines.
 */

export interface DirLock {
  readonly path: string;
  /** Removes the lock file if it still holds this process's pid. Idempotent. */
  release(): void;
}

/** Lock files held by this process (by real path): its own pid in them does not make them stale. */
const heldByThisProcess = new Set<string>();

const LEFTOVER_PATTERN = /^LOCK\.(\d+)\.[0-9a-f]+\.(?:tmp|stale)$/;

export function acquireDirLock(dir: string): DirLock {
  const path = join(dir, LOCK_FILE);
  const key = join(io('resolve', dir, () => fs.realpathSync(dir)), LOCK_FILE);
  if (heldByThisProcess.has(key)) throw new DataDirLockedError(dir, process.pid, path);
  let lastHolder = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (tryCreateLock(dir, path)) {
      heldByThisProcess.add(key);
      removeLeftovers(dir);
      return lockHandle(path, key);
    }
    const content = readLock(path);
    if (content === null) continue; // removed between our link and our read: try again
    const pid = parsePid(content);
    if (pid !== null && pid !== process.pid && isProcessAlive(pid)) throw new DataDirLockedError(dir, pid, path);
    lastHolder = pid ?? lastHolder;
    breakStaleLock(dir, path, content);
  }
  // Only reached when other processes keep taking the lock as fast as we break stale ones.
  throw new DataDirLockedError(dir, lastHolder, path);
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

function privateName(dir: string, suffix: 'tmp' | 'stale'): string {
  return join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

function tryCreateLock(dir: string, path: string): boolean {
  const tmp = privateName(dir, 'tmp');
  io('write', tmp, () => fs.writeFileSync(tmp, `${process.pid}\n`, { mode: 0o644 }));
  try {
    fs.linkSync(tmp, path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw ioError('create lock', path, error);
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
    throw ioError('read lock', path, error);
  }
}

function parsePid(content: string): number | null {
  const text = content.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const pid = Number(text);
  return pid > 0 ? pid : null;
}

/** Removes the lock file if it still has `judged` in it (see the comment at the top). */
function breakStaleLock(dir: string, path: string, judged: string): void {
  const aside = privateName(dir, 'stale');
  try {
    fs.renameSync(path, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw ioError('move stale lock', path, error);
  }
  try {
    if (readLock(aside) === judged) return;
    // Someone took the lock after we read it: give it back (unless yet another process has
    // created one meanwhile, which then stands).
    try {
      fs.linkSync(aside, path);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') {
        throw ioError('restore lock', path, error);
      }
    }
  } finally {
    removeIfPresent(aside);
  }
}

/** Temp and set-aside lock files of processes that died mid-way (and none of a live one). */
function removeLeftovers(dir: string): void {
  for (const name of io('list', dir, () => fs.readdirSync(dir))) {
    const match = LEFTOVER_PATTERN.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || !isProcessAlive(pid)) removeIfPresent(join(dir, name));
  }
}
