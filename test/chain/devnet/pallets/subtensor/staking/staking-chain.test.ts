import { startTestChain, type TestChain, type TxResult } from '../../../support/test-chain';
import { allowManySubnets } from '../networks/support';

const TAO = 1_000_000_000n;
/** The swap fee, 33/65535 as U64F64 bits, truncated (written out again here on purpose). */
const fee = (amount: bigint) => (amount * ((33n << 64n) / 65_535n)) >> 64n;

/**
 * Staking end to end on the dev chain, signed and included in blocks: a subnet registered
 * and started, a neuron burned in, TAO staked and unstaked through the pool, and the
 * owner's buyback. (The block hooks mint alpha to stakers but never touch the reserves.)
 */
describe('staking and buyback on the dev chain', () => {
  let chain: TestChain;
  const hot = (name: string) => chain.keyring.addFromUri(`//${name}`).address;
  const sub = (item: string, keys: unknown[] = []) => BigInt(chain.read('SubtensorModule', item, keys) as number);
  const free = (who: string) => BigInt((chain.read('System', 'Account', [who]) as { data: { free: number } }).data.free);
  const txFee = (r: TxResult) => BigInt(r.events.find((e) => e.method === 'TransactionFeePaid')!.data[1] as number);
  /** The call's own events: after the fee's Withdraw, before the fee and success events. */
  const callEvents = (r: TxResult) => r.events.slice(1, -2);

  beforeAll(async () => {
    chain = await startTestChain({ allowMissing: true });
    await allowManySubnets(chain);
    const { alice, bob, charlie } = chain.keys;
    const steps: [typeof bob, string, unknown[]][] = [
      [bob, 'registerNetwork', [hot('BobNet')]], // netuid 1, 1000 TAO against 1000 alpha
      [bob, 'startCall', [1]],
      [charlie, 'burnedRegister', [1, hot('CharlieHot')]],
      [alice, 'registerNetwork', [hot('AliceNet')]], // netuid 2: AliceNet exists but is no neuron of 1
    ];
    for (const [signer, method, args] of steps) {
      const r = await chain.submit(signer, chain.call('subtensorModule', method, ...args));
      if (!r.ok) throw new Error(`${method}: ${r.error}`);
    }
  });
  afterAll(() => chain.close());

  it('stakes TAO into the pool and sells the alpha back at the pool price', async () => {
    const { charlie } = chain.keys;
    const h = hot('CharlieHot');
    const [tao0, alpha0, free0] = [sub('SubnetTAO', [1]), sub('SubnetAlphaIn', [1]), free(charlie.address)];
    const amount = 100n * TAO;
    const dy = amount - fee(amount);
    const bought = (alpha0 * dy) / (tao0 + dy);
    const staked = await chain.submit(charlie, chain.call('subtensorModule', 'addStake', h, 1, amount));
    expect(staked.ok).toBe(true);
    expect(callEvents(staked)).toEqual([
      { section: 'balances', method: 'Withdraw', data: [charlie.address, Number(amount)] },
      { section: 'subtensorModule', method: 'StakeAdded', data: [charlie.address, h, Number(amount), Number(bought), 1, Number(fee(amount))] },
    ]);
    expect(sub('SubnetTAO', [1])).toBe(tao0 + dy);
    expect(sub('SubnetAlphaIn', [1])).toBe(alpha0 - bought);
    expect(free0 - free(charlie.address)).toBe(amount + txFee(staked));

    const [tao1, alpha1, free1] = [sub('SubnetTAO', [1]), sub('SubnetAlphaIn', [1]), free(charlie.address)];
    const dx = bought - fee(bought);
    const fetched = (tao1 * dx) / (alpha1 + dx);
    const unstaked = await chain.submit(charlie, chain.call('subtensorModule', 'removeStake', h, 1, bought));
    expect(unstaked.ok).toBe(true);
    expect(callEvents(unstaked)).toEqual([
      { section: 'subtensorModule', method: 'StakeRemoved', data: [charlie.address, h, Number(fetched), Number(bought), 1, Number(fee(bought))] },
      { section: 'balances', method: 'Deposit', data: [charlie.address, Number(fetched)] },
    ]);
    expect(sub('SubnetTAO', [1])).toBe(tao1 - fetched);
    expect(sub('SubnetAlphaIn', [1])).toBe(alpha1 + dx);
    expect(free(charlie.address) - free1).toBe(fetched - txFee(unstaked));
  });

  it('turns a buyback into AddStakeBurn: the subnet alpha falls by the burned amount', async () => {
    const { bob, charlie } = chain.keys;
    const h = hot('AliceNet');
    const [tao0, alpha0, free0] = [sub('SubnetTAO', [1]), sub('SubnetAlphaIn', [1]), free(bob.address)];
    const held0 = sub('TotalHotkeyAlpha', [h, 1]);
    const amount = 10n * TAO;
    const dy = amount - fee(amount);
    const alpha = (alpha0 * dy) / (tao0 + dy);

    const r = await chain.submit(bob, chain.call('subtensorModule', 'addStakeBurn', h, 1, amount, null));
    expect(r.ok).toBe(true);
    expect(callEvents(r)).toEqual([
      { section: 'balances', method: 'Withdraw', data: [bob.address, Number(amount)] },
      { section: 'subtensorModule', method: 'StakeAdded', data: [bob.address, h, Number(amount), Number(alpha), 1, Number(fee(amount))] },
      { section: 'subtensorModule', method: 'AlphaBurned', data: [bob.address, h, Number(alpha), 1] },
      { section: 'subtensorModule', method: 'AddStakeBurn', data: [1, h, Number(amount), Number(alpha)] },
    ]);
    // Pool alpha plus the alpha staked to the hotkey: down by exactly what was burned.
    expect(held0).toBe(0n);
    expect(sub('SubnetAlphaIn', [1]) + sub('TotalHotkeyAlpha', [h, 1])).toBe(alpha0 + held0 - alpha);
    expect(sub('SubnetTAO', [1])).toBe(tao0 + dy);
    expect(free0 - free(bob.address)).toBe(amount + txFee(r));

    const again = await chain.submit(bob, chain.call('subtensorModule', 'addStakeBurn', h, 1, amount, null));
    expect(again.error).toBe('subtensorModule.AddStakeBurnRateLimitExceeded');
    const stranger = await chain.submit(charlie, chain.call('subtensorModule', 'addStakeBurn', h, 1, amount, null));
    expect(stranger.error).toBe('BadOrigin');
  });
});
