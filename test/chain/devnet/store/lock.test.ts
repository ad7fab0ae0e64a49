import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError, LOCK_FILE, openChainStore, removeChainData } from '../../../../src/chain/devnet/store';
import { bytes, listDir, plain, useTempDirs } from './helpers';

const tempDir = useTempDirs();

function lockError(fn: () => unknown): DataDirLockedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirLockedError);
    return error as DataDirLockedError;
  }
  throw new Error('expected DataDirLockedError');
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('data directory lock', () => {
  it('writes our pid and removes the lock on close', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    expect(fs.readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    store.close();
    expect(fs.existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second open in the same process until the first is closed', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    const error = lockError(() => openChainStore(dir));
    expect(error.pid).toBe(process.pid);
    expect(error.message).toContain(dir);
    expect(error.message).toContain(String(process.pid));
    expect(() => removeChainData(dir)).toThrow(DataDirLockedError);
    store.append(bytes(1, 5));
    store.close();
    const again = openChainStore(dir);
    expect(plain(again.recovered.records)).toEqual([bytes(1, 5)]);
    again.close();
  });

  it('refuses a directory locked by another live process, and leaves its lock alone', () => {
    const dir = tempDir();
    const other = process.ppid; // the jest parent: alive, and not us
    fs.writeFileSync(join(dir, LOCK_FILE), `${other}\n`);
    const error = lockError(() => openChainStore(dir));
    expect(error).toMatchObject({ dir, pid: other, lockPath: join(dir, LOCK_FILE) });
    expect(error.message).toContain(`process ${other}`);
    expect(fs.readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${other}\n`);
    expect(listDir(dir)).toEqual([LOCK_FILE]);
  });

  it.each([
    ['a dead pid', () => `${deadPid()}\n`],
    ['our own pid (a restarted container)', () => `${process.pid}\n`],
    ['garbage', () => 'not a pid'],
    ['nothing', () => ''],
  ])('takes over a stale lock holding %s', (_what, content) => {
    const dir = tempDir();
    fs.writeFileSync(join(dir, LOCK_FILE), content());
    fs.writeFileSync(join(dir, `${LOCK_FILE}.${deadPid()}.abcd1234.tmp`), 'leftover');
    const store = openChainStore(dir);
    expect(fs.readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(listDir(dir).filter((n) => n.startsWith(LOCK_FILE))).toEqual([LOCK_FILE]);
    store.close();
  });
});
