import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, crc32Portable } from '../../../../src/chain/devnet/store/crc32';
import { parseStoreFileName, storeFileName } from '../../../../src/chain/devnet/store/layout';
import { checkFrame, encodeFrame } from '../../../../src/chain/devnet/store/log-format';
import { decodeSnapshot, encodeSnapshotHeader } from '../../../../src/chain/devnet/store/snapshot-format';
import { bytes } from './helpers';

describe('store format', () => {
  it('computes CRC-32 like zlib, continuing from a previous value', () => {
    expect(crc32Portable(Buffer.from('123456789'))).toBe(0xcbf43926);
    for (const length of [0, 1, 7, 1000]) {
      const data = bytes(length, length);
      expect(crc32Portable(data)).toBe(zlibCrc32(data));
      expect(crc32(data)).toBe(zlibCrc32(data));
      expect(crc32Portable(data.subarray(3), crc32Portable(data.subarray(0, 3)))).toBe(crc32Portable(data));
    }
  });

  it('names files by kind and 16-digit generation', () => {
    expect(storeFileName('log', 7)).toBe('log-0000000000000007.bin');
    expect(storeFileName('snapshot', 12, true)).toBe('snapshot-0000000000000012.bin.tmp');
    expect(parseStoreFileName('snapshot-0000000000000012.bin.tmp')).toEqual({ kind: 'snapshot', generation: 12, tmp: true });
    expect(parseStoreFileName('log-0000000000000007.bin')).toEqual({ kind: 'log', generation: 7, tmp: false });
    expect(parseStoreFileName('log-7.bin')).toBeNull();
    expect(parseStoreFileName('LOCK')).toBeNull();
  });

  it('frames records as magic, length, crc32(length ++ payload), payload', () => {
    const payload = bytes(1, 20);
    const frame = encodeFrame(payload);
    expect(frame.length).toBe(32);
    expect(frame.readUInt32LE(0)).toBe(0x52b74c9e);
    expect(frame.readUInt32LE(4)).toBe(20);
    expect(frame.readUInt32LE(8)).toBe(zlibCrc32(payload, zlibCrc32(frame.subarray(4, 8))));
    expect(checkFrame(frame, 0)).toEqual({ ok: true, payloadLength: 20 });
  });

  it('round-trips snapshots and the empty-state marker', () => {
    const payload = bytes(2, 100);
    const file = Buffer.concat([encodeSnapshotHeader(3, payload), payload]);
    const decoded = decodeSnapshot(file);
    expect(decoded.ok && decoded.generation).toBe(3);
    expect(decoded.ok && Uint8Array.from(decoded.payload!)).toEqual(payload);
    expect(decodeSnapshot(encodeSnapshotHeader(4, null))).toEqual({ ok: true, generation: 4, payload: null });
    expect(decodeSnapshot(file.subarray(0, 50))).toMatchObject({ ok: false, offset: 20 });
  });
});
