import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, LOCK_FILE, Ledger, LedgerCorruptError, LedgerLockedError, formatLine, lineChecksum, readJournal } from '../../../src/economy';

describe('the ledger journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-ledger-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const journal = () => join(dir, JOURNAL_FILE);
  const withRevenue = (n: number) => {
    const ledger = Ledger.open(dir);
    for (let i = 1; i <= n; i++) ledger.addRevenue({ id: `r${i}`, tao: `${i}` });
    ledger.close();
  };

  it('writes one checksummed JSON line per entry, starting with ledger.created', () => {
    withRevenue(2);
    const lines = readFileSync(journal(), 'utf8').split('\n');
    expect(lines).toHaveLength(4); // 3 entries and the empty string after the last newline
    expect(lines[3]).toBe('');
    for (const [i, line] of lines.slice(0, 3).entries()) {
      const [sum, body] = [line.slice(0, 16), line.slice(17)];
      expect(lineChecksum(body)).toBe(sum);
      expect(JSON.parse(body).seq).toBe(i + 1);
    }
    expect(JSON.parse(lines[0]!.slice(17)).entry).toMatchObject({ kind: 'ledger.created', format: 1 });
    expect(JSON.parse(lines[2]!.slice(17)).entry).toMatchObject({ kind: 'revenue', id: 'r2', currency: 'TAO', amount: '2', taoRao: '2000000000' });
  });

  it('rebuilds the same state by replay after reopening', () => {
    withRevenue(3);
    const ledger = Ledger.open(dir);
    expect([...ledger.state.revenues.keys()]).toEqual(['r1', 'r2', 'r3']);
    expect(ledger.state.lastSeq).toBe(4);
    expect(ledger.repairedBytes).toBe(0);
    ledger.close();
  });

  it('cuts a torn last line (a crash during an append) on open and keeps every complete entry', () => {
    withRevenue(2);
    const whole = formatLine({ seq: 4, entry: { kind: 'revenue', id: 'r3', currency: 'TAO', amount: '3', usdPerTao: null, taoRao: '3000000000', source: '', time: 't' } });
    appendFileSync(journal(), whole.slice(0, 40));
    const ledger = Ledger.open(dir);
    expect(ledger.repairedBytes).toBe(40);
    expect([...ledger.state.revenues.keys()]).toEqual(['r1', 'r2']);
    ledger.addRevenue({ id: 'r3', tao: '3' });
    ledger.close();
    const again = Ledger.open(dir);
    expect([...again.state.revenues.keys()]).toEqual(['r1', 'r2', 'r3']);
    again.close();
  });

  it('cuts NUL bytes at the end (a file extended but not written)', () => {
    withRevenue(1);
    appendFileSync(journal(), Buffer.alloc(512));
    const { lines, truncatedBytes } = readJournal(dir);
    expect(lines).toHaveLength(2);
    expect(truncatedBytes).toBe(512);
    expect(readFileSync(journal()).length).toBe(readFileSync(journal(), 'utf8').length);
  });

  it('reports damage before the last line as LedgerCorruptError naming the file and line', () => {
    withRevenue(3);
    const text = readFileSync(journal(), 'utf8');
    writeFileSync(journal(), text.replace('"id":"r2"', '"id":"rX"'));
    expect(() => Ledger.open(dir)).toThrow(LedgerCorruptError);
    try {
      Ledger.open(dir);
    } catch (error) {
      expect(error).toMatchObject({ file: journal(), line: 3 });
      expect((error as Error).message).toBe(`ledger journal ${journal()} is corrupt at line 3: checksum mismatch`);
    }
    // The failed open released the lock.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('reports a missing line (a sequence gap) and an entry that does not follow from the state', () => {
    withRevenue(3);
    const lines = readFileSync(journal(), 'utf8').split('\n');
    writeFileSync(journal(), [lines[0], lines[1], lines[3], ''].join('\n'));
    expect(() => Ledger.open(dir)).toThrow(/corrupt at line 3: sequence number 4 where 3 was expected/);
    const dup = formatLine({ seq: 3, entry: { kind: 'revenue', id: 'r1', currency: 'TAO', amount: '1', usdPerTao: null, taoRao: '1000000000', source: '', time: 't' } });
    writeFileSync(journal(), [lines[0], lines[1], ''].join('\n') + dup);
    expect(() => Ledger.open(dir)).toThrow(/corrupt at line 3: revenue r1 is recorded twice/);
    const orphan = formatLine({ seq: 3, entry: { kind: 'order.confirmed', key: '0x01', inclusion: { blockHash: '0x02', blockNumber: 1, extrinsicIndex: 1 }, taoRao: '1', alphaRao: '1', time: 't' } });
    writeFileSync(journal(), [lines[0], lines[1], ''].join('\n') + orphan);
    expect(() => Ledger.open(dir)).toThrow(/corrupt at line 3: order 0x01 is confirmed but was never intended/);
  });

  it('keeps a second opener out while the ledger is open, and takes over a dead process\'s lock', () => {
    const ledger = Ledger.open(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => Ledger.open(dir)).toThrow(LedgerLockedError);
    ledger.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    writeFileSync(join(dir, LOCK_FILE), '999999999\n'); // no such process
    const again = Ledger.open(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    again.close();
  });

  it('refuses a lock held by another live process', () => {
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => Ledger.open(dir)).toThrow(new RegExp(`in use by process ${process.ppid}`));
  });
});
