import { closeSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerLockedError } from './errors';

export const LOCK_FILE = 'ledger.lock';

/** Ledger directories held by open ledgers of this process. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number {
  try {
    return Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
  } catch {
    return Number.NaN;
  }
}

/**
 * Takes the ledger directory's lock file (`ledger.lock`, holding the owner's pid). A lock
 * whose process is gone (a crash, `kill -9`) is stale and is taken over; so is one with this
 * process's pid that no open ledger of this process holds (a ledger abandoned by a crash
 * inside this process). Returns the function that releases it.
 *
 * @throws LedgerLockedError when a live process, or another open ledger here, holds it.
 */
export function acquireLock(dir: string): () => void {
  const key = realpathSync(dir);
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(key)) throw new LedgerLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      heldHere.add(key);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(key);
        try {
          if (readPid(path) === process.pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readPid(path);
      if (pid !== process.pid && alive(pid)) throw new LedgerLockedError(dir, pid);
      try {
        unlinkSync(path); // stale: its process is gone
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
  throw new LedgerLockedError(dir, readPid(path));
}
