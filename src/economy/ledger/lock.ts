import { acquireDirLock } from '../../base';
import { LedgerLockedError } from './errors';

export const LOCK_FILE = 'ledger.lock';

/**
 * Takes the ledger directory's lock file (`ledger.lock`, holding the owner's pid; the rules
 * are base/dir-lock.ts's): a lock whose process is gone (a crash, `kill -9`) is stale and is
 * taken over. Returns the function that releases it.
 *
 * @throws LedgerLockedError when a live process, or another open ledger here, holds it.
 */
export function acquireLock(dir: string): () => void {
  const lock = acquireDirLock(dir, { file: LOCK_FILE, locked: (pid) => new LedgerLockedError(dir, pid) });
  return () => lock.release();
}
