import * as fs from 'node:fs';
import { join } from 'node:path';
import { openChainStore, StoreCorruptError } from '../../../../src/chain/devnet/store';
import { bytes, logName, plain, plainOrNull, useTempDirs } from './helpers';

const tempDir = useTempDirs();
const FRAME_HEADER = 12;
const LOG_HEADER = 16;

/** A store holding `records` (after `snapshot` if given), closed; returns its log path and bytes. */
function storeWith(dir: string, records: Uint8Array[], snapshot?: Uint8Array): { log: string; data: Buffer } {
  const store = openChainStore(dir);
  if (snapshot) store.writeSnapshot(snapshot);
  for (const r of records) store.append(r);
  const generation = store.generation;
  store.close();
  const log = join(dir, logName(generation));
  return { log, data: fs.readFileSync(log) };
}

function frameStart(records: Uint8Array[], index: number): number {
  return LOG_HEADER + records.slice(0, index).reduce((sum, r) => sum + FRAME_HEADER + r.length, 0);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('torn and corrupt log tails', () => {
  const records = [bytes(1, 40), bytes(2, 3), bytes(3, 57)];
  const last = frameStart(records, 2);

  it('truncates a cut at every byte inside the last frame, then appends after it', () => {
    const dir = tempDir();
    const { log, data } = storeWith(dir, records);
    expect(data.length).toBe(last + FRAME_HEADER + 57);
    for (let cut = last; cut < data.length; cut++) {
      fs.writeFileSync(log, data.subarray(0, cut));
      const store = openChainStore(dir);
      expect(plain(store.recovered.records)).toEqual(records.slice(0, 2));
      expect(store.recovered.recovery.truncatedBytes).toBe(cut - last);
      expect(store.recovered.recovery.truncatedFile).toBe(cut > last ? log : null);
      expect(fs.statSync(log).size).toBe(last);
      store.append(bytes(9, cut % 7));
      store.close();
      const again = openChainStore(dir);
      expect(plain(again.recovered.records)).toEqual([...records.slice(0, 2), bytes(9, cut % 7)]);
      expect(again.recovered.recovery.truncatedBytes).toBe(0);
      again.close();
    }
  });

  it('truncates a torn tail after a snapshot the same way', () => {
    const dir = tempDir();
    const snapshot = bytes(50, 1000);
    const { log, data } = storeWith(dir, records, snapshot);
    for (let cut = last + 1; cut < data.length; cut += 5) {
      fs.writeFileSync(log, data.subarray(0, cut));
      const store = openChainStore(dir);
      expect(plainOrNull(store.recovered.snapshot)).toEqual(snapshot);
      expect(plain(store.recovered.records)).toEqual(records.slice(0, 2));
      expect(store.recovered.recovery.truncatedBytes).toBe(cut - last);
      store.close();
    }
  });

  it('truncates zeros or garbage past the last frame', () => {
    const dir = tempDir();
    const { log, data } = storeWith(dir, records);
    for (const tail of [Buffer.alloc(4096), Buffer.from(bytes(7, 300))]) {
      fs.writeFileSync(log, Buffer.concat([data, tail]));
      const store = openChainStore(dir);
      expect(plain(store.recovered.records)).toEqual(records);
      expect(store.recovered.recovery.truncatedBytes).toBe(tail.length);
      expect(store.recovered.recovery.warnings.join('\n')).toContain(`truncated ${tail.length} bytes at byte ${data.length}`);
      store.close();
    }
  });

  it('truncates the last frame when any one of its bytes is flipped', () => {
    const dir = tempDir();
    const { log, data } = storeWith(dir, records);
    for (let at = last; at < data.length; at++) {
      const damaged = Buffer.from(data);
      damaged[at] = damaged[at]! ^ 0x5a;
      fs.writeFileSync(log, damaged);
      const store = openChainStore(dir);
      expect(plain(store.recovered.records)).toEqual(records.slice(0, 2));
      expect(store.recovered.recovery.truncatedBytes).toBe(data.length - last);
      store.close();
    }
  });

  it('throws StoreCorruptError naming file and offset for a flipped byte in an earlier frame, touching nothing', () => {
    const dir = tempDir();
    const { log, data } = storeWith(dir, records);
    for (const index of [0, 1]) {
      const start = frameStart(records, index);
      const end = frameStart(records, index + 1);
      for (let at = start; at < end; at++) {
        const damaged = Buffer.from(data);
        damaged[at] = damaged[at]! ^ 0x01;
        fs.writeFileSync(log, damaged);
        const error = thrown(() => openChainStore(dir));
        expect(error).toBeInstanceOf(StoreCorruptError);
        expect(error).toMatchObject({ file: log, offset: start });
        expect((error as Error).message).toContain(`${log} is corrupt at byte ${start}`);
        expect(fs.readFileSync(log).equals(damaged)).toBe(true);
      }
    }
    // The failed opens released the lock: once repaired, the store opens.
    fs.writeFileSync(log, data);
    openChainStore(dir).close();
  });

  it('throws StoreCorruptError for a damaged segment header', () => {
    const dir = tempDir();
    const { log, data } = storeWith(dir, records);
    const damaged = Buffer.from(data);
    damaged[2] = 0;
    fs.writeFileSync(log, damaged);
    expect(thrown(() => openChainStore(dir))).toMatchObject({ name: 'StoreCorruptError', file: log, offset: 0 });
    fs.writeFileSync(log, data.subarray(0, 10));
    expect(thrown(() => openChainStore(dir))).toBeInstanceOf(StoreCorruptError);
  });
});
