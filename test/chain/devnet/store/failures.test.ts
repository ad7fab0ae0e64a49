// The module object itself (a namespace import is a read-only copy), so jest.spyOn can patch it.
import fs from 'node:fs';
import {
  openChainStore,
  StoreFailedError,
  StoreIoError,
} from '../../../../src/chain/devnet/store';
import { bytes, listDir, logName, plain, plainOrNull, snapshotName, useTempDirs } from './helpers';

const tempDir = useTempDirs();

afterEach(() => jest.restoreAllMocks());

function ioFailure(syscall: string): Error {
  return Object.assign(new Error(`EIO: i/o error, ${syscall}`), { code: 'EIO' });
}

describe('failed writes', () => {
  it('refuses further writes after a failed append until reopened', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.append(bytes(1, 10));
    jest.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw ioFailure('fsync');
    });
    expect(() => store.append(bytes(2, 10))).toThrow(StoreIoError);
    expect(() => store.append(bytes(3, 10))).toThrow(StoreFailedError);
    expect(() => store.writeSnapshot(bytes(4, 10))).toThrow(StoreFailedError);
    store.close();

    // The unacknowledged record may or may not have reached the disk; the acknowledged one did.
    const reopened = openChainStore(dir);
    expect(plain(reopened.recovered.records.slice(0, 1))).toEqual([bytes(1, 10)]);
    reopened.close();
  });

  it('keeps the old generation, and stays usable, when a snapshot fails before its commit', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.writeSnapshot(bytes(10, 100));
    store.append(bytes(1, 10));
    const rename = fs.renameSync;
    jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith(snapshotName(2))) throw ioFailure('rename');
      rename(from, to);
    });
    expect(() => store.writeSnapshot(bytes(11, 100))).toThrow(StoreIoError);
    jest.restoreAllMocks();
    expect(store.generation).toBe(1);
    store.append(bytes(2, 10));
    store.close();
    expect(listDir(dir)).toEqual([logName(1), snapshotName(1)]);

    const reopened = openChainStore(dir);
    expect(plainOrNull(reopened.recovered.snapshot)).toEqual(bytes(10, 100));
    expect(plain(reopened.recovered.records)).toEqual([bytes(1, 10), bytes(2, 10)]);
    reopened.close();
  });
});
