import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, Ledger, TX_STEPS, checkBooks, closeRecord, formatLine, runBuyback, type LedgerStep } from '../../../src/economy';
import { FakeChain } from './fake-chain';

/**
 * Crash injection: a hook stops the buyback after each step (as a crash would: nothing more
 * is written), the ledger is reopened from its directory, and the buyback runs again. Every
 * time: one AddStakeBurn per order on the chain, no revenue lost or spent twice, books clean.
 */
class InjectedCrash extends Error {}

const HOTKEY = '5OwnerHotkey';
const options = { netuid: 1, hotkey: HOTKEY, waitTimeoutMs: 1000 };

function crashAt(step: LedgerStep) {
  return (s: LedgerStep) => {
    if (s === step) throw new InjectedCrash(`crash after ${s}`);
  };
}

describe('crash injection at each ledger step', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-ledger-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function assertExactlyOnce(chain: FakeChain, revenueIds: string[]): Promise<void> {
    const ledger = Ledger.open(dir);
    try {
      const orders = [...ledger.state.orders.values()];
      const confirmed = orders.filter((o) => o.state === 'confirmed');
      expect(chain.allBurns()).toHaveLength(confirmed.length);
      for (const o of confirmed) expect(chain.allBurns().filter((b) => b.txHash === o.tx!.hash)).toHaveLength(1);
      // Each revenue is spent by exactly one confirmed order; none is lost.
      expect([...ledger.state.revenues.keys()].sort()).toEqual([...revenueIds].sort());
      const spent = confirmed.flatMap((o) => o.revenueIds).sort();
      expect(spent).toEqual([...revenueIds].sort());
      const check = await checkBooks(ledger.state, chain);
      expect(check.mismatches).toEqual([]);
    } finally {
      ledger.close();
    }
  }

  it.each(TX_STEPS.map((s) => [`order.${s}` as LedgerStep]))('crash after %s, restart: one burn, nothing lost', async (step) => {
    const chain = new FakeChain();
    const first = Ledger.open(dir, { hook: crashAt(step) });
    first.addRevenue({ id: 'job-1', usd: '120', usdPerTao: '400', source: 'api' });
    first.addRevenue({ id: 'job-2', tao: '0.7' });
    await expect(runBuyback(first, chain, options)).rejects.toThrow(InjectedCrash);
    first.close(); // releases the lock only; the journal is what the crash left

    const second = Ledger.open(dir);
    const report = await runBuyback(second, chain, options);
    second.close();
    const burnsAfterRestart = chain.allBurns().length;
    expect(burnsAfterRestart).toBe(1);
    expect(report.pending).toEqual([]);
    expect(report.queued.taoRao).toBe(0n);

    // A third run (and a fourth after the rate limit) changes nothing.
    chain.openWindow();
    const third = Ledger.open(dir);
    expect((await runBuyback(third, chain, options)).blocked).toBe('nothing-to-do');
    third.close();
    expect(chain.allBurns()).toHaveLength(1);
    await assertExactlyOnce(chain, ['job-1', 'job-2']);
    const ledger = Ledger.open(dir);
    const [order] = [...ledger.state.orders.values()];
    expect(order).toMatchObject({ state: 'confirmed', amountRao: 1_000_000_000n, taoRao: 1_000_000_000n, alphaRao: 900_000_000n, revenueIds: ['job-1', 'job-2'] });
    ledger.close();
  });

  it.each(TX_STEPS.map((s) => [`record.${s}` as LedgerStep]))('crash after %s, restart: the record is published once', async (step) => {
    const chain = new FakeChain();
    const setup = Ledger.open(dir);
    setup.addRevenue({ id: 'job-1', tao: '2' });
    await runBuyback(setup, chain, options);
    setup.close();
    chain.produceBlocks(3);
    const first = Ledger.open(dir, { hook: crashAt(step) });
    await expect(closeRecord(first, chain, { netuid: 1 })).rejects.toThrow(InjectedCrash);
    first.close();
    // The operator runs the record again: it finishes record 1, or (when record 1 was already
    // settled) closes the next epoch as record 2.
    const second = Ledger.open(dir);
    const result = await closeRecord(second, chain, { netuid: 1 });
    expect(result.record).toMatchObject({ index: step === 'record.settled' ? 2 : 1, state: 'confirmed' });
    const records = second.state.records;
    second.close();
    expect(records.map((r) => [r.index, r.attempt, r.state])).toEqual(step === 'record.settled' ? [[1, 1, 'confirmed'], [2, 1, 'confirmed']] : [[1, 1, 'confirmed']]);
    const remarks = chain.blocks.flatMap((b) => b.extrinsics).filter((e) => e.remarkHash !== null);
    expect(remarks.map((r) => r.remarkHash)).toEqual(records.map((r) => r.hash));
    const check = Ledger.open(dir);
    expect((await checkBooks(check.state, chain)).mismatches).toEqual([]);
    check.close();
  });

  it('a crash in the middle of writing `submitted` (a torn line): the line is cut, the order signed again, one burn', async () => {
    const chain = new FakeChain();
    const first = Ledger.open(dir, { hook: crashAt('order.signed') });
    first.addRevenue({ id: 'job-1', tao: '1' });
    await expect(runBuyback(first, chain, options)).rejects.toThrow(InjectedCrash);
    first.close();
    const peek = Ledger.open(dir);
    const [order] = [...peek.state.orders.values()];
    peek.close();
    const line = formatLine({ seq: 5, entry: { kind: 'order.submitted', key: order!.key, tx: { hash: '0x01', hex: '0x02', nonce: 0, signer: chain.signer, signedAtBlock: 0, expiresAtBlock: 64 }, time: 't' } });
    appendFileSync(join(dir, JOURNAL_FILE), line.slice(0, line.length - 5));
    const second = Ledger.open(dir);
    expect(second.repairedBytes).toBe(line.length - 5);
    expect(second.state.orders.get(order!.key)!.state).toBe('intended');
    await runBuyback(second, chain, options);
    second.close();
    expect(chain.sends).toBe(1);
    await assertExactlyOnce(chain, ['job-1']);
  });

  it('a crash after sending, then a node restart that lost its pool: the same bytes are sent again and burn once', async () => {
    const chain = new FakeChain();
    chain.autoBlock = false;
    const first = Ledger.open(dir, { hook: crashAt('order.sent') });
    first.addRevenue({ id: 'job-1', tao: '1' });
    await expect(runBuyback(first, chain, options)).rejects.toThrow(InjectedCrash);
    first.close();
    const hash = [...chain.pool.keys()][0]!;
    chain.dropPool();
    const second = Ledger.open(dir);
    const pending = await runBuyback(second, chain, options);
    expect(pending.blocked).toBe('order-pending');
    expect([...chain.pool.keys()]).toEqual([hash]); // resent: same bytes, same hash
    chain.produceBlock();
    const done = await runBuyback(second, chain, options);
    expect(done.settled.map((o) => o.state)).toEqual(['confirmed']);
    second.close();
    expect(chain.allBurns()).toHaveLength(1);
    expect(chain.allBurns()[0]!.txHash).toBe(hash);
  });

  it('a submitted order whose nonce another extrinsic used is failed and replanned: one burn', async () => {
    const chain = new FakeChain();
    const first = Ledger.open(dir, { hook: crashAt('order.submitted') });
    first.addRevenue({ id: 'job-1', tao: '1' });
    await expect(runBuyback(first, chain, options)).rejects.toThrow(InjectedCrash);
    first.close();
    chain.useNonceElsewhere();
    const second = Ledger.open(dir);
    const report = await runBuyback(second, chain, options);
    const orders = [...second.state.orders.values()];
    second.close();
    expect(orders.map((o) => [o.attempt, o.state])).toEqual([
      [1, 'failed'],
      [2, 'confirmed'],
    ]);
    expect(orders[0]!.failure).toMatch(/nonce 0 was used by another extrinsic/);
    expect(orders[0]!.key).not.toBe(orders[1]!.key);
    expect(report.settled).toHaveLength(2);
    await assertExactlyOnce(chain, ['job-1']);
  });

  it('a submitted order whose mortal era ended while the process was down is failed and replanned', async () => {
    const chain = new FakeChain();
    const first = Ledger.open(dir, { hook: crashAt('order.submitted') });
    first.addRevenue({ id: 'job-1', tao: '1' });
    await expect(runBuyback(first, chain, options)).rejects.toThrow(InjectedCrash);
    first.close();
    chain.produceBlocks(100);
    const second = Ledger.open(dir);
    await runBuyback(second, chain, options);
    const orders = [...second.state.orders.values()];
    second.close();
    expect(orders.map((o) => o.state)).toEqual(['failed', 'confirmed']);
    expect(orders[0]!.failure).toMatch(/mortal era ended/);
    await assertExactlyOnce(chain, ['job-1']);
  });

  it('an order the chain rejects in its block (rate limit) fails and its revenue is queued again', async () => {
    const chain = new FakeChain();
    chain.lastBurnBlock = 1;
    chain.produceBlocks(2); // head 2: the chain's limit forbids a burn before block 11
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'job-1', tao: '1' });
    // The adapter's window says "open" (as a node lacking the storage would); the chain refuses.
    const report = await runBuyback(ledger, wrap(chain), options);
    expect(report.settled[0]).toMatchObject({ state: 'failed', failure: 'subtensorModule.AddStakeBurnRateLimitExceeded' });
    expect(report.queued).toEqual({ revenueIds: ['job-1'], taoRao: 1_000_000_000n });
    chain.openWindow();
    const later = await runBuyback(ledger, chain, options);
    expect(later.planned).toMatchObject({ state: 'confirmed', attempt: 2 });
    ledger.close();
  });

  it('queues revenue while the rate limit holds and says from which block it can run', async () => {
    const chain = new FakeChain();
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'job-1', tao: '1' });
    await runBuyback(ledger, chain, options);
    ledger.addRevenue({ id: 'job-2', tao: '2' });
    const report = await runBuyback(ledger, chain, options);
    expect(report.blocked).toBe('rate-limited');
    expect(report.window).toMatchObject({ lastBurnBlock: 1, tempo: 10, nextAllowedBlock: 11 });
    expect(report.queued).toEqual({ revenueIds: ['job-2'], taoRao: 2_000_000_000n });
    ledger.addRevenue({ id: 'job-3', tao: '0.001' });
    chain.openWindow();
    const next = await runBuyback(ledger, chain, options);
    expect(next.planned).toMatchObject({ state: 'confirmed', revenueIds: ['job-2', 'job-3'], amountRao: 2_001_000_000n });
    ledger.addRevenue({ id: 'job-4', tao: '0.001' });
    chain.openWindow();
    expect((await runBuyback(ledger, chain, options)).blocked).toBe('below-minimum');
    ledger.close();
  });

  it('a node that refuses the bytes as invalid fails the order without burning; the revenue is replanned', async () => {
    const chain = new FakeChain();
    chain.rejectNextSend = { reason: '1010: Invalid Transaction: Inability to pay some fees (e.g. account balance too low)', definitive: true };
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'job-1', tao: '1' });
    const report = await runBuyback(ledger, chain, options);
    expect(report.planned).toMatchObject({ state: 'failed' });
    expect(report.planned!.failure).toMatch(/refused by the node: 1010: .*Inability to pay/);
    const retry = await runBuyback(ledger, chain, options);
    expect(retry.planned).toMatchObject({ state: 'confirmed', attempt: 2 });
    ledger.close();
    expect(chain.allBurns()).toHaveLength(1);
  });

  it('a refusal that may be temporary leaves the order submitted, to be looked up on the next run', async () => {
    const chain = new FakeChain();
    chain.rejectNextSend = { reason: 'WebSocket is not connected', definitive: false };
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'job-1', tao: '1' });
    const report = await runBuyback(ledger, chain, options);
    expect(report.blocked).toBeNull();
    expect(report.planned).toMatchObject({ state: 'submitted' });
    expect(report.notes[0]).toMatch(/WebSocket is not connected/);
    const next = await runBuyback(ledger, chain, options);
    expect(next.settled.map((o) => o.state)).toEqual(['confirmed']);
    ledger.close();
    expect(chain.allBurns()).toHaveLength(1);
  });
});

/** The fake chain, with a window that always reports open (the chain itself still enforces the limit). */
function wrap(chain: FakeChain): FakeChain {
  return new Proxy(chain, {
    get(target, prop, receiver) {
      if (prop === 'buybackWindow') return async () => ({ head: target.head, lastBurnBlock: 0, tempo: target.tempo, nextAllowedBlock: 0 });
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
