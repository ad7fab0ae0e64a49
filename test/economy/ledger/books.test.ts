import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger, RecordBlockedError, blake2Hex, booksTotals, checkBooks, closeRecord, recordFile, runBuyback, type AccountingRecord } from '../../../src/economy';
import { FakeChain } from './fake-chain';

const HOTKEY = '5OwnerHotkey';
const options = { netuid: 1, hotkey: HOTKEY, waitTimeoutMs: 1000 };

describe('books: the ledger against the chain', () => {
  let dir: string;
  let chain: FakeChain;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pog-ledger-books-'));
    chain = new FakeChain();
    ledger = Ledger.open(dir, { now: () => new Date('2026-05-01T00:00:00Z') });
    ledger.addRevenue({ id: 'job-1', usd: '100', usdPerTao: '400', source: 'api' });
    ledger.addRevenue({ id: 'job-2', tao: '0.75', source: 'rental' });
    await runBuyback(ledger, chain, options);
    chain.openWindow();
    ledger.addRevenue({ id: 'job-3', tao: '2' });
    await runBuyback(ledger, chain, options);
    ledger.addRevenue({ id: 'job-4', tao: '5' }); // queued behind the rate limit
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('totals revenue, spending, burns and what is still unspent', () => {
    const totals = booksTotals(ledger.state);
    expect(totals).toEqual({
      revenueEntries: 4,
      revenueUsd: '100',
      revenueTaoRao: 8_000_000_000n,
      spentRao: 3_000_000_000n,
      alphaBurnedRao: 2_700_000_000n,
      inFlightRao: 0n,
      unspentRao: 5_000_000_000n,
      orders: { confirmed: 2, failed: 0, pending: 0 },
      records: { confirmed: 0, failed: 0, pending: 0 },
      registrationFeesRao: 0n,
    });
  });

  it('finds nothing wrong when every burn is on chain as recorded', async () => {
    const check = await checkBooks(ledger.state, chain);
    expect(check).toEqual({ scanned: { fromBlock: 0, toBlock: chain.head, truncated: false }, burnsChecked: 2, recordsChecked: 0, mismatches: [] });
  });

  it('detects a burn missing on chain (the chain it is checked against never had it)', async () => {
    const other = new FakeChain(); // e.g. the ledger pointed at the wrong network, or a fork that lost the block
    other.produceBlocks(chain.head);
    const check = await checkBooks(ledger.state, other);
    expect(check.mismatches.map((m) => m.kind)).toEqual(['missing-burn', 'missing-burn']);
    expect(check.mismatches[0]!.message).toMatch(/^order 0x[0-9a-f]{8}… is confirmed at block #1 \(0x[0-9a-f]{8}…\) extrinsic 0, but the chain has no AddStakeBurn there$/);
  });

  it('detects a burn whose amounts differ from the ledger', async () => {
    const [first] = [...ledger.state.orders.values()];
    const block = chain.blocks[first!.inclusion!.blockNumber]!;
    const ex = block.extrinsics[0]!;
    block.extrinsics[0] = { ...ex, burn: { ...ex.burn!, alphaRao: ex.burn!.alphaRao - 1n } };
    const check = await checkBooks(ledger.state, chain);
    expect(check.mismatches).toHaveLength(1);
    expect(check.mismatches[0]).toMatchObject({ kind: 'burn-mismatch', differences: ['899999999 rao of alpha on chain, 900000000 in the ledger'] });
  });

  it('detects a burn by the owner coldkey that the ledger does not have', async () => {
    chain.burnBehindTheLedgersBack(1, HOTKEY, 4_000_000_000n);
    const check = await checkBooks(ledger.state, chain);
    expect(check.mismatches).toHaveLength(1);
    expect(check.mismatches[0]).toMatchObject({ kind: 'unrecorded-burn', order: null });
    expect(check.mismatches[0]!.message).toMatch(/^AddStakeBurn of 4 TAO for 2 alpha at block #\d+ .* is in no order of the ledger$/);
  });

  it('closes an accounting record: the epoch\'s totals as canonical JSON, its hash remarked on chain, a local copy', async () => {
    chain.registrations.push({ blockNumber: 2, netuid: 1, uid: 3, hotkey: '5Miner', feeRao: 1_000_000_000n }, { blockNumber: 99, netuid: 1, uid: 4, hotkey: '5Late', feeRao: 7n });
    const { record, content, file } = await closeRecord(ledger, chain, { netuid: 1 });
    const toBlock = chain.head - 1; // the head when it closed; the remark went into the next block
    expect(content).toEqual<AccountingRecord>({
      format: 'pog-accounting-record/v1',
      index: 1,
      netuid: 1,
      previousHash: null,
      blocks: { from: 0, to: toBlock },
      revenue: { entries: 4, ids: ['job-1', 'job-2', 'job-3', 'job-4'], usd: '100', taoRao: '8000000000' },
      buyback: {
        orders: 2,
        taoSpentRao: '3000000000',
        alphaBurnedRao: '2700000000',
        burns: [
          { block: 1, blockHash: chain.blocks[1]!.hash, extrinsicIndex: 0, taoRao: '1000000000', alphaRao: '900000000' },
          { block: toBlock, blockHash: chain.blocks[toBlock]!.hash, extrinsicIndex: 0, taoRao: '2000000000', alphaRao: '1800000000' },
        ],
      },
      supply: { beforeRao: '1000000000000', afterRao: '997300000000', changeRao: '-2700000000' },
      registrations: { count: 1, feesRecycledRao: '1000000000' },
    });
    expect(record).toMatchObject({ index: 1, state: 'confirmed', fromBlock: 0, toBlock });
    expect(record.json).toBe(JSON.stringify(JSON.parse(record.json))); // no whitespace
    expect(Object.keys(JSON.parse(record.json) as object)).toEqual([...Object.keys(JSON.parse(record.json) as object)].sort());
    expect(record.hash).toBe(blake2Hex(record.json));
    expect(readFileSync(file, 'utf8')).toBe(`${record.json}\n`);
    expect(file).toBe(recordFile(dir, 1));
    expect((await chain.remarkAt(record.inclusion!))!.hash).toBe(record.hash);
    expect(booksTotals(ledger.state).registrationFeesRao).toBe(1_000_000_000n);
    expect((await checkBooks(ledger.state, chain, { dir })).mismatches).toEqual([]);

    // The next record starts where this one ended and chains to it.
    const head = chain.head;
    await expect(closeRecord(ledger, chain, { netuid: 1 })).resolves.toMatchObject({ content: { index: 2, previousHash: record.hash, blocks: { from: toBlock + 1, to: head } } });
  });

  it('reports an altered local copy of a record and a record missing on chain', async () => {
    const { record, file } = await closeRecord(ledger, chain, { netuid: 1 });
    writeFileSync(file, record.json.replace('"usd":"100"', '"usd":"1000"'));
    const check = await checkBooks(ledger.state, chain, { dir });
    expect(check.mismatches.map((m) => m.message)).toEqual([`record 1: ${file} differs from the journal's copy`]);
    const other = new FakeChain();
    other.produceBlocks(chain.head);
    const elsewhere = await checkBooks(ledger.state, other);
    expect(elsewhere.mismatches.map((m) => m.kind)).toEqual(['missing-burn', 'missing-burn', 'missing-record']);
  });

  it('leaves a record whose remark is not final yet in flight, finishes it on the next run, and needs a new block for the next', async () => {
    chain.autoBlock = false;
    await expect(closeRecord(ledger, chain, { netuid: 1 })).resolves.toMatchObject({ drive: { state: 'submitted' }, record: { index: 1 } });
    await expect(closeRecord(ledger, chain, { netuid: 1 })).resolves.toMatchObject({ drive: { state: 'submitted' }, record: { index: 1 } });
    chain.produceBlock();
    const { record } = await closeRecord(ledger, chain, { netuid: 1 });
    expect(record).toMatchObject({ index: 1, state: 'confirmed' });
    // A chain whose finalized head has not moved past the record's last block.
    const stalled = new Proxy(chain, {
      get(target, prop, receiver) {
        if (prop === 'finalizedHead') return async () => ({ number: record.toBlock, hash: target.blocks[record.toBlock]!.hash });
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await expect(closeRecord(ledger, stalled, { netuid: 1 })).rejects.toThrow(RecordBlockedError);
    await expect(closeRecord(ledger, stalled, { netuid: 1 })).rejects.toThrow(`no finalized block after #${record.toBlock} yet`);
  });
});
