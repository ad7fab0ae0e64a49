import type { EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { burnedRegister, ChainLedgerPort } from '../../../src/chain';
import { Ledger, TX_STEPS, blake2Hex, checkBooks, closeRecord, runBuyback, type LedgerStep } from '../../../src/economy';
import { TAO, dev, startChain, type Chain } from '../../chain/client/helpers';
import { InjectedCrash, ledgerOnDevnet, NETUID } from './support/ledger-on-devnet';

/**
 * The ledger against the embedded dev chain, through the real adapter: revenue becomes an
 * AddStakeBurn, the subnet's alpha supply falls by the burned amount, the record's hash is
 * remarked, and a crash after each step burns exactly once.
 */

describe('the buyback ledger on the dev chain', () => {
  const devnet = ledgerOnDevnet({ ownerHotUri: '//LedgerOwnerHot', dirPrefix: 'pog-ledger-devnet-' });
  const { owner, ownerHot, port, options, api, head } = devnet;
  let chain: Chain;
  let dir: string;
  beforeAll(() => {
    chain = devnet.chain();
  });
  beforeEach(() => {
    dir = devnet.dir();
  });
  const newBlocks = (count: number) => chain.client.provider.send('dev_newBlock', [{ count }]);
  /** Produces blocks until a buyback sent now lands where the rate limit allows it and no epoch runs in that block. */
  const readyForBuyback = async () => {
    const w = await port().buybackWindow(NETUID);
    let h = await head();
    if (h + 1 < w.nextAllowedBlock) {
      await newBlocks(w.nextAllowedBlock - (h + 1));
      h = await head();
    }
    // Subnet 1's epoch runs where (block + 2) % 11 == 10; keep it out of the burn's block so supply moves only by the burn.
    if ((h + 1 + NETUID + 1) % 11 === 10) await newBlocks(1);
  };
  const burnEventsOnChain = async (): Promise<{ block: number; tao: bigint; alpha: bigint }[]> =>
    (await devnet.subtensorEvents(1))
      .filter(({ record }) => record.event.method === 'AddStakeBurn')
      .map(({ block, record }) => ({ block, tao: BigInt(record.event.data[2]!.toString()), alpha: BigInt(record.event.data[3]!.toString()) }));


  it('turns revenue into one AddStakeBurn; the subnet alpha supply falls by exactly the burned alpha', async () => {
    await readyForBuyback();
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'invoice-1', usd: '100', usdPerTao: '400', source: 'api' });
    ledger.addRevenue({ id: 'rental-1', tao: '1' });
    const report = await runBuyback(ledger, port(), options());
    expect(report.planned).toMatchObject({ state: 'confirmed', amountRao: 1_250_000_000n, taoRao: 1_250_000_000n, netuid: NETUID, hotkey: ownerHot().address });
    const order = report.planned!;
    const block = order.inclusion!.blockNumber;

    // The event, read with plain polkadot.js.
    const events = (await (await api().at(order.inclusion!.blockHash)).query.system!.events!()) as unknown as EventRecord[];
    const burn = events.find((e) => e.event.section === 'subtensorModule' && e.event.method === 'AddStakeBurn')!;
    expect(burn.phase.asApplyExtrinsic.toNumber()).toBe(order.inclusion!.extrinsicIndex);
    const [net, hot, amount, alpha] = burn.event.data;
    expect([Number(net!.toString()), hot!.toString(), BigInt(amount!.toString())]).toEqual([NETUID, ownerHot().address, 1_250_000_000n]);
    expect(BigInt(alpha!.toString())).toBe(order.alphaRao);
    expect(order.alphaRao!).toBeGreaterThan(0n);

    // Supply: the pool's alpha plus all alpha staked on the subnet, before and after the burn's block.
    const supplyAt = async (n: number) => {
      const at = await api().at(await api().rpc.chain.getBlockHash(n));
      const pool = BigInt(((await at.query.subtensorModule!.subnetAlphaIn!(NETUID)) as Codec).toString());
      const staked = BigInt(((await at.query.subtensorModule!.totalHotkeyAlpha!(ownerHot().address, NETUID)) as Codec).toString());
      return pool + staked;
    };
    expect((await supplyAt(block - 1)) - (await supplyAt(block))).toBe(order.alphaRao);
    expect((await port().alphaSupply(NETUID, block - 1)) - (await port().alphaSupply(NETUID, block))).toBe(order.alphaRao);

    expect((await checkBooks(ledger.state, port())).mismatches).toEqual([]);

    // Once per tempo: more revenue now is queued, with the block from which it can run.
    ledger.addRevenue({ id: 'rental-2', tao: '0.5' });
    const limited = await runBuyback(ledger, port(), options());
    expect(limited.blocked).toBe('rate-limited');
    expect(limited.window).toMatchObject({ lastBurnBlock: block, tempo: 10, nextAllowedBlock: block + 10 });
    expect(limited.queued).toEqual({ revenueIds: ['rental-2'], taoRao: 500_000_000n });
    await readyForBuyback();
    const second = await runBuyback(ledger, port(), options());
    expect(second.planned).toMatchObject({ state: 'confirmed', revenueIds: ['rental-2'] });
    expect(second.planned!.inclusion!.blockNumber).toBeGreaterThanOrEqual(block + 10);

    // The accounting record: its hash remarked on chain.
    const { record, content } = await closeRecord(ledger, port(), { netuid: NETUID });
    expect(record.state).toBe('confirmed');
    expect(content.buyback).toMatchObject({ orders: 2, taoSpentRao: '1750000000' });
    expect(BigInt(content.buyback.alphaBurnedRao)).toBe(order.alphaRao! + second.planned!.alphaRao!);
    const remark = (await (await api().at(record.inclusion!.blockHash)).query.system!.events!()) as unknown as EventRecord[];
    const remarked = remark.find((e) => e.event.section === 'system' && e.event.method === 'Remarked')!;
    expect(remarked.event.data[0]!.toString()).toBe(owner().address);
    expect(remarked.event.data[1]!.toString()).toBe(record.hash);
    expect(record.hash).toBe(blake2Hex(record.json));
    expect((await checkBooks(ledger.state, port(), { dir })).mismatches).toEqual([]);
    ledger.close();
  });

  it('reconciliation detects a burn missing on chain: the same books against another chain', async () => {
    await readyForBuyback();
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'invoice-9', tao: '0.2' });
    await runBuyback(ledger, port(), options());
    const elsewhere = await startChain();
    try {
      await newBlocksOn(elsewhere, await head());
      const check = await checkBooks(ledger.state, new ChainLedgerPort(elsewhere.client, owner()));
      expect(check.mismatches.map((m) => m.kind)).toEqual(['missing-burn']);
      expect(check.mismatches[0]!.message).toMatch(/but the chain has no AddStakeBurn there$/);
    } finally {
      await elsewhere.close();
      ledger.close();
    }
  });

  it('reports an AddStakeBurn that the owner sent behind the ledger\'s back', async () => {
    await readyForBuyback();
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'invoice-10', tao: '0.2' });
    const report = await runBuyback(ledger, port(), options());
    await newBlocks(10);
    await chain.client.submit(api().tx.subtensorModule!.addStakeBurn!(ownerHot().address, NETUID, TAO / 10n, null), owner(), { waitFor: 'finalized' });
    const check = await checkBooks(ledger.state, port(), { fromBlock: report.planned!.inclusion!.blockNumber });
    expect(check.mismatches.map((m) => m.kind)).toEqual(['unrecorded-burn']);
    expect(check.mismatches[0]!.message).toMatch(/^AddStakeBurn of 0.1 TAO for [\d.]+ alpha at block #\d+ .* is in no order of the ledger$/);
    ledger.close();
  });

  it.each(TX_STEPS.map((s) => [`order.${s}` as LedgerStep]))('a crash after %s and a restart burn exactly once', async (step) => {
    await readyForBuyback();
    const before = (await burnEventsOnChain()).length;
    const first = Ledger.open(dir, {
      hook: (s) => {
        if (s === step) throw new InjectedCrash(step);
      },
    });
    first.addRevenue({ id: `job-${step}`, tao: '0.3' });
    await expect(runBuyback(first, port(), options())).rejects.toThrow(InjectedCrash);
    first.close();
    const second = Ledger.open(dir);
    const report = await runBuyback(second, port(), options());
    expect(report.pending).toEqual([]);
    const orders = [...second.state.orders.values()];
    expect(orders.map((o) => o.state)).toEqual(['confirmed']);
    await readyForBuyback();
    expect((await runBuyback(second, port(), options())).blocked).toBe('nothing-to-do');
    const burns = (await burnEventsOnChain()).slice(before);
    expect(burns).toEqual([{ block: orders[0]!.inclusion!.blockNumber, tao: 300_000_000n, alpha: orders[0]!.alphaRao! }]);
    expect((await checkBooks(second.state, port())).mismatches).toEqual([]);
    second.close();
  });

  it('records registration fees recycled in the epoch', async () => {
    const ledger = Ledger.open(dir);
    const from = (await head()) + 1;
    await burnedRegister(chain.client, { signer: dev.bob(), netuid: NETUID, hotkey: dev.key('//LedgerMiner').address, waitFor: 'finalized' });
    const burn = BigInt(((await api().query.subtensorModule!.burn!(NETUID)) as Codec).toString());
    const { content } = await closeRecord(ledger, port(), { netuid: NETUID, firstFromBlock: from });
    expect(content.registrations).toEqual({ count: 1, feesRecycledRao: burn.toString() });
    expect(content.blocks.from).toBe(from);
    ledger.close();
  });
});

async function newBlocksOn(chain: Chain, count: number): Promise<void> {
  await chain.client.provider.send('dev_newBlock', [{ count }]);
}
