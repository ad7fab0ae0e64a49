import type { Codec } from '@polkadot/types/types';
import { BuybackUnsupportedError, Ledger, TX_STEPS, checkBooks, orderKey, ordersInFlight, runBuyback, type LedgerStep } from '../../../src/economy';
import { InjectedCrash, ledgerOnDevnet, NETUID } from './support/ledger-on-devnet';
import { pog } from '../../validator/support/cli-pog';

/**
 * The buyback on a runtime without `add_stake_burn` (subtensor spec 293): the dev chain is
 * started with the call left out of its metadata (`omitCalls`), so the ledger must see that
 * before writing an order, buy back with `add_stake` then `burn_alpha` of exactly the alpha
 * bought, each leg exactly once across crashes, and report an order stuck in flight.
 */

describe('the buyback ledger on an older runtime (no add_stake_burn)', () => {
  const devnet = ledgerOnDevnet({ ownerHotUri: '//OldRuntimeOwnerHot', dirPrefix: 'pog-ledger-old-runtime-', omitCalls: ['SubtensorModule.add_stake_burn'] });
  const { ownerHot, port, options, api, head } = devnet;
  let dir: string;
  beforeEach(() => {
    dir = devnet.dir();
  });
  /** Every StakeAdded / AlphaBurned / AddStakeBurn on the chain from block `from`. */
  const legsOnChain = async (from: number): Promise<{ method: string; block: number; alpha: bigint }[]> =>
    (await devnet.subtensorEvents(from)).flatMap(({ block, record: { event } }) => {
      if (event.method === 'StakeAdded') return [{ method: 'StakeAdded', block, alpha: BigInt(event.data[3]!.toString()) }];
      if (event.method === 'AlphaBurned') return [{ method: 'AlphaBurned', block, alpha: BigInt(event.data[2]!.toString()) }];
      if (event.method === 'AddStakeBurn') return [{ method: 'AddStakeBurn', block, alpha: 0n }];
      return [];
    });
  const stakeOfOwner = async () => BigInt(((await api().query.subtensorModule!.totalHotkeyAlpha!(ownerHot().address, NETUID)) as Codec).toString());


  it('serves metadata without the call, and the port sees it', async () => {
    expect(api().tx.subtensorModule!.addStakeBurn).toBeUndefined();
    expect(api().tx.subtensorModule!.burnAlpha).toBeDefined();
    expect(await port().capabilities()).toMatchObject({ addStakeBurn: false, addStake: true, burnAlpha: true });
  });

  it('buys back with add_stake then burn_alpha of exactly the alpha bought; the books match', async () => {
    const from = (await head()) + 1;
    const stakeBefore = await stakeOfOwner();
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'old-1', tao: '1' });
    const report = await runBuyback(ledger, port(), options());
    const order = report.planned!;
    expect(order).toMatchObject({ state: 'confirmed', method: 'add_stake+burn_alpha', taoRao: 1_000_000_000n });
    expect(order.staked!.alphaRao).toBeGreaterThan(0n);
    expect(order.alphaRao).toBe(order.staked!.alphaRao);
    const legs = await legsOnChain(from);
    expect(legs).toEqual([
      { method: 'StakeAdded', block: order.staked!.inclusion.blockNumber, alpha: order.alphaRao },
      { method: 'AlphaBurned', block: order.inclusion!.blockNumber, alpha: order.alphaRao },
    ]);
    // Nothing of the bought alpha stays staked.
    expect(await stakeOfOwner()).toBe(stakeBefore);
    expect((await checkBooks(ledger.state, port())).mismatches).toEqual([]);
    expect(ordersInFlight(ledger.state)).toEqual([]);
    ledger.close();
  });

  it('refuses a limit price before writing anything (add_stake takes none)', async () => {
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'old-limit', tao: '1' });
    const seq = ledger.state.lastSeq;
    await expect(runBuyback(ledger, port(), { ...options(), limitRao: 2_000_000_000n })).rejects.toThrow(BuybackUnsupportedError);
    expect(ledger.state.lastSeq).toBe(seq);
    expect(ledger.state.orders.size).toBe(0);
    ledger.close();
  });

  it('an add_stake_burn order an older pog left intended is reported by books, then failed unsigned and re-planned with burn_alpha', async () => {
    const ledger = Ledger.open(dir);
    ledger.addRevenue({ id: 'stuck-1', tao: '0.5' });
    // What a ledger that did not ask the node first wrote: an add_stake_burn order it can never sign here.
    const key = orderKey(['stuck-1'], 1);
    ledger.append({ kind: 'order.intended', key, attempt: 1, revenueIds: ['stuck-1'], netuid: NETUID, hotkey: ownerHot().address, amountRao: '500000000', limitRao: null, time: ledger.now() });
    ledger.close();

    // `pog economy books` (the built CLI) says so and exits non-zero.
    const books = await pog(['economy', 'books', '--offline', '--ledger-dir', dir]);
    expect(books.code).toBe(1);
    expect(books.stdout).toMatch(/IN FLIGHT {3}order 0x[0-9a-f]{8}… of 0\.5 TAO \(add_stake_burn\) is still in flight: intended at .*, never signed/);
    expect(books.stderr).toMatch(/1 order is still in flight/);

    const reopened = Ledger.open(dir);
    const report = await runBuyback(reopened, port(), options());
    expect(report.settled.map((o) => [o.key, o.state, o.method])).toEqual([
      [key, 'failed', 'add_stake_burn'],
      [report.planned!.key, 'confirmed', 'add_stake+burn_alpha'],
    ]);
    expect(reopened.state.orders.get(key)!.failure).toMatch(/has no add_stake_burn; nothing was signed/);
    expect(report.planned!.revenueIds).toEqual(['stuck-1']);
    expect(ordersInFlight(reopened.state)).toEqual([]);
    reopened.close();
  });

  // The burn leg's "intended" point is order.settled (the stake journaled as final).
  const steps = [...TX_STEPS.map((s) => `order.${s}`), ...TX_STEPS.filter((s) => s !== 'intended').map((s) => `burn.${s}`)] as LedgerStep[];
  it.each(steps.map((s) => [s]))('a crash after %s and a restart stake once and burn once', async (step) => {
    const from = (await head()) + 1;
    const first = Ledger.open(dir, {
      hook: (s) => {
        if (s === step) throw new InjectedCrash(step);
      },
    });
    first.addRevenue({ id: `old-${step}`, tao: '0.3' });
    await expect(runBuyback(first, port(), options())).rejects.toThrow(InjectedCrash);
    first.close();
    const second = Ledger.open(dir);
    const report = await runBuyback(second, port(), options());
    expect(report.pending).toEqual([]);
    const orders = [...second.state.orders.values()];
    expect(orders.map((o) => o.state)).toEqual(['confirmed']);
    const o = orders[0]!;
    expect((await legsOnChain(from)).map((l) => [l.method, l.alpha])).toEqual([
      ['StakeAdded', o.alphaRao],
      ['AlphaBurned', o.alphaRao],
    ]);
    expect((await checkBooks(second.state, port())).mismatches).toEqual([]);
    second.close();
  });
});
