import * as fs from 'node:fs';
import { join } from 'node:path';
import {
  ChainStoreError,
  openChainStore,
  RecordTooLargeError,
  removeChainData,
  StoreClosedError,
} from '../../../../src/chain/devnet/store';
import { bytes, listDir, logName, plain, plainOrNull, snapshotName, useTempDirs } from './helpers';

const tempDir = useTempDirs();

describe('chain store round trips', () => {
  it('creates the directory and starts empty', () => {
    const dir = join(tempDir(), 'a', 'b', 'chain');
    const store = openChainStore(dir);
    expect(store.recovered.snapshot).toBeNull();
    expect(store.recovered.records).toEqual([]);
    expect(store.recovered.recovery).toMatchObject({ generation: 0, truncatedBytes: 0, warnings: [] });
    expect(store.generation).toBe(0);
    store.close();
    expect(listDir(dir)).toEqual([logName(0)]);
  });

  it('returns the appended records after close and reopen', () => {
    const dir = tempDir();
    const records = [bytes(1, 100), bytes(2, 0), bytes(3, 70_000), bytes(4, 1)];
    const store = openChainStore(dir);
    for (const r of records) store.append(r);
    expect(store.recordsSinceSnapshot).toBe(4);
    store.close();

    const reopened = openChainStore(dir);
    expect(plain(reopened.recovered.records)).toEqual(records);
    expect(reopened.recovered.snapshot).toBeNull();
    expect(reopened.recovered.recovery.warnings).toEqual([]);
    reopened.append(bytes(5, 10));
    reopened.close();
    expect(plain(openChainStore(dir).recovered.records)).toEqual([...records, bytes(5, 10)]);
  });

  it('keeps a snapshot and the records after it, and deletes those before it', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.append(bytes(1, 10));
    store.append(bytes(2, 20));
    store.writeSnapshot(bytes(100, 5000));
    expect(store.generation).toBe(1);
    expect(store.recordsSinceSnapshot).toBe(0);
    store.append(bytes(3, 30));
    store.close();
    expect(listDir(dir)).toEqual([logName(1), snapshotName(1)]);

    const reopened = openChainStore(dir);
    expect(plainOrNull(reopened.recovered.snapshot)).toEqual(bytes(100, 5000));
    expect(plain(reopened.recovered.records)).toEqual([bytes(3, 30)]);
    expect(reopened.generation).toBe(1);
    reopened.close();
  });

  it('recovers a snapshot with no records after it', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.append(bytes(1, 10));
    store.writeSnapshot(bytes(100, 64));
    store.writeSnapshot(bytes(101, 64));
    store.close();
    const reopened = openChainStore(dir);
    expect(plainOrNull(reopened.recovered.snapshot)).toEqual(bytes(101, 64));
    expect(reopened.recovered.records).toEqual([]);
    expect(reopened.generation).toBe(2);
    expect(listDir(dir)).toEqual(['LOCK', logName(2), snapshotName(2)]);
    reopened.close();
  });

  it('keeps an empty snapshot apart from no snapshot', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.writeSnapshot(new Uint8Array(0));
    store.close();
    expect(plainOrNull(openChainStore(dir).recovered.snapshot)).toEqual(new Uint8Array(0));
  });

  it('reset drops the snapshot and records', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.append(bytes(1, 10));
    store.writeSnapshot(bytes(2, 10));
    store.append(bytes(3, 10));
    store.reset();
    store.append(bytes(4, 10));
    store.close();
    const reopened = openChainStore(dir);
    expect(reopened.recovered.snapshot).toBeNull();
    expect(plain(reopened.recovered.records)).toEqual([bytes(4, 10)]);
    reopened.close();
  });

  it('removeChainData deletes the store, leaving other files alone', () => {
    const parent = tempDir();
    const dir = join(parent, 'chain');
    const store = openChainStore(dir);
    store.append(bytes(1, 10));
    store.writeSnapshot(bytes(2, 10));
    store.close();
    removeChainData(dir);
    expect(fs.existsSync(dir)).toBe(false);

    const other = openChainStore(dir);
    other.append(bytes(1, 10));
    other.close();
    fs.writeFileSync(join(dir, 'node-key'), 'keep me');
    removeChainData(dir);
    expect(listDir(dir)).toEqual(['node-key']);
    const fresh = openChainStore(dir);
    expect(fresh.recovered.records).toEqual([]);
    fresh.close();

    removeChainData(join(parent, 'missing'));
  });

  it('rejects use after close and oversized records', () => {
    const dir = tempDir();
    const store = openChainStore(dir, { maxRecordBytes: 16 });
    expect(() => store.append(new Uint8Array(17))).toThrow(RecordTooLargeError);
    store.append(new Uint8Array(16));
    store.close();
    store.close();
    expect(store.closed).toBe(true);
    expect(() => store.append(new Uint8Array(1))).toThrow(StoreClosedError);
    expect(() => store.writeSnapshot(new Uint8Array(1))).toThrow(StoreClosedError);
    expect(new StoreClosedError(dir)).toBeInstanceOf(ChainStoreError);
  });

  it('reports recovery warnings to the logger', () => {
    const dir = tempDir();
    const store = openChainStore(dir);
    store.append(bytes(1, 10));
    store.close();
    fs.appendFileSync(join(dir, logName(0)), Buffer.from([1, 2, 3]));
    const warn = jest.fn();
    const reopened = openChainStore(dir, { logger: { warn } as never });
    expect(reopened.recovered.recovery.truncatedBytes).toBe(3);
    expect(warn).toHaveBeenCalledWith({ dir }, expect.stringContaining('truncated 3 bytes'));
    reopened.close();
  });
});
