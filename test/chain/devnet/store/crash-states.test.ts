import * as fs from 'node:fs';
import { join } from 'node:path';
import { openChainStore, StoreCorruptError } from '../../../../src/chain/devnet/store';
import { bytes, listDir, logName, plain, plainOrNull, snapshotName, useTempDirs } from './helpers';

/**
 * The directory states a crash can leave in the middle of writeSnapshot (see the comment in
 * chain-store.ts), built by hand from the files of a real store before and after one.
 */

const tempDir = useTempDirs();

const oldRecords = [bytes(1, 30), bytes(2, 40)];
const oldSnapshot = bytes(10, 300);
const newSnapshot = bytes(11, 500);
const newRecords = [bytes(3, 50)];

interface Files {
  before: Map<string, Buffer>;
  after: Map<string, Buffer>;
}

/** Generation 1 (oldSnapshot + oldRecords), then generation 2 (newSnapshot + newRecords). */
function storeFiles(): Files {
  const dir = tempDir();
  const store = openChainStore(dir);
  store.writeSnapshot(oldSnapshot);
  for (const r of oldRecords) store.append(r);
  const before = new Map(listDir(dir).filter((n) => n !== 'LOCK').map((n) => [n, fs.readFileSync(join(dir, n))]));
  store.writeSnapshot(newSnapshot);
  const after = new Map(listDir(dir).filter((n) => n !== 'LOCK').map((n) => [n, fs.readFileSync(join(dir, n))]));
  store.close();
  return { before, after };
}

function dirWith(files: Record<string, Buffer>): string {
  const dir = tempDir();
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(join(dir, name), data);
  return dir;
}

function expectOld(dir: string): void {
  const store = openChainStore(dir);
  expect(plainOrNull(store.recovered.snapshot)).toEqual(oldSnapshot);
  expect(plain(store.recovered.records)).toEqual(oldRecords);
  expect(store.generation).toBe(1);
  store.close();
  expect(listDir(dir)).toEqual([logName(1), snapshotName(1)]);
}

function expectNew(dir: string, records: Uint8Array[] = []): void {
  const store = openChainStore(dir);
  expect(plainOrNull(store.recovered.snapshot)).toEqual(newSnapshot);
  expect(plain(store.recovered.records)).toEqual(records);
  expect(store.generation).toBe(2);
  store.close();
  expect(listDir(dir)).toEqual([logName(2), snapshotName(2)]);
}

describe('crash states of writeSnapshot', () => {
  const { before, after } = storeFiles();
  const snap1 = before.get(snapshotName(1))!;
  const log1 = before.get(logName(1))!;
  const snap2 = after.get(snapshotName(2))!;
  const log2 = after.get(logName(2))!;

  it('has the files it is built from', () => {
    expect([...before.keys()]).toEqual([logName(1), snapshotName(1)]);
    expect([...after.keys()]).toEqual([logName(2), snapshotName(2)]);
  });

  it('step 1, a partial or complete snapshot temp file: the old generation', () => {
    expectOld(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [`${snapshotName(2)}.tmp`]: snap2.subarray(0, 100) }));
    expectOld(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [`${snapshotName(2)}.tmp`]: snap2 }));
  });

  it('step 2, the new empty segment without its snapshot: the old generation', () => {
    expectOld(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [`${logName(2)}.tmp`]: log2.subarray(0, 5) }));
    expectOld(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [`${snapshotName(2)}.tmp`]: snap2, [logName(2)]: log2 }));
  });

  it('step 3, the snapshot renamed into place: the new generation, old files deleted', () => {
    expectNew(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [snapshotName(2)]: snap2, [logName(2)]: log2 }));
  });

  it('step 4, records appended to the new segment while old files linger: the new generation with them', () => {
    const dir = dirWith({ [snapshotName(2)]: snap2, [logName(2)]: log2 });
    const store = openChainStore(dir);
    for (const r of newRecords) store.append(r);
    store.close();
    const log2WithRecords = fs.readFileSync(join(dir, logName(2)));
    expectNew(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [snapshotName(2)]: snap2, [logName(2)]: log2WithRecords }), newRecords);
    expectNew(dirWith({ [snapshotName(1)]: snap1, [snapshotName(2)]: snap2, [logName(2)]: log2WithRecords }), newRecords);
  });

  it('is corrupt, not a crash, when a committed snapshot is damaged or a newer segment holds records', () => {
    const damaged = Buffer.from(snap2);
    damaged[snap2.length - 1] = damaged[snap2.length - 1]! ^ 1;
    const dir = dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [snapshotName(2)]: damaged, [logName(2)]: log2 });
    expect(() => openChainStore(dir)).toThrow(StoreCorruptError);
    expect(listDir(dir)).toEqual([logName(1), logName(2), snapshotName(1), snapshotName(2)]);
    expect(() => openChainStore(dirWith({ [snapshotName(2)]: snap2.subarray(0, 40), [logName(2)]: log2 }))).toThrow(StoreCorruptError);

    const orphan = Buffer.concat([log2, Buffer.from(log1.subarray(16))]);
    expect(() => openChainStore(dirWith({ [snapshotName(1)]: snap1, [logName(1)]: log1, [logName(2)]: orphan }))).toThrow(
      /holds records, but the latest snapshot is of generation 1/,
    );
  });

  it('starts a missing segment of a committed snapshot empty, with a warning', () => {
    const dir = dirWith({ [snapshotName(2)]: snap2 });
    const store = openChainStore(dir);
    expect(plainOrNull(store.recovered.snapshot)).toEqual(newSnapshot);
    expect(store.recovered.recovery.warnings.join()).toContain('was missing');
    store.close();
  });
});
