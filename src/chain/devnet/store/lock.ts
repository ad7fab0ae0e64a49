import { acquireDirLock as acquireBaseDirLock, type DirLock } from '../../../base';
import { DataDirLockedError } from './errors';
import { ioError } from './fs-util';
import { LOCK_FILE } from './layout';

export type { DirLock } from '../../../base';

/**
 * The data directory's exclusive lock: a file `LOCK` holding the owner's pid (the rules are
 * base/dir-lock.ts's). A live holder is DataDirLockedError; fs failures are StoreIoError.
 */
export function acquireDirLock(dir: string): DirLock {
  try {
    return acquireBaseDirLock(dir, { file: LOCK_FILE, locked: (pid, path) => new DataDirLockedError(dir, pid, path) });
  } catch (error) {
    throw ioError('lock', dir, error);
  }
}
