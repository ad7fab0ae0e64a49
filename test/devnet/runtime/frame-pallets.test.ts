import { startTestChain, type TestChain } from '../support/test-chain';

describe('dev chain frame pallets', () => {
  let chain: TestChain;
  beforeAll(async () => {
    chain = await startTestChain({ allowMissing: true });
  });
  afterAll(() => chain.close());

  it('transfers with Balances events, fee paid and nonce bumped', async () => {
    const { alice, bob } = chain.keys;
    const before = chain.read('System', 'Account', [bob.address]) as { data: { free: number } };
    const r = await chain.submit(alice, chain.call('balances', 'transferKeepAlive', bob.address, 12_345_678_900n));
    expect(r.ok).toBe(true);
    expect(r.events.map((e) => `${e.section}.${e.method}`)).toEqual([
      'balances.Withdraw',
      'balances.Transfer',
      'transactionPayment.TransactionFeePaid',
      'system.ExtrinsicSuccess',
    ]);
    const after = chain.read('System', 'Account', [bob.address]) as { data: { free: number } };
    expect(BigInt(after.data.free) - BigInt(before.data.free)).toBe(12_345_678_900n);
    expect((chain.read('System', 'Account', [alice.address]) as { nonce: number }).nonce).toBe(1);
  });

  it('reports a module error by its name', async () => {
    const { dave, bob } = chain.keys;
    const r = await chain.submit(dave, chain.call('balances', 'transferKeepAlive', bob.address, 10n ** 18n));
    expect(r.ok).toBe(false);
    expect(r.error).toBe('balances.InsufficientBalance');
  });

  it('sudo needs the sudo key', async () => {
    const { bob, charlie } = chain.keys;
    const denied = await chain.submit(bob, chain.call('sudo', 'sudo', chain.call('balances', 'forceSetBalance', charlie.address, 1n)));
    expect(denied.error).toBe('sudo.RequireSudo');
    const r = await chain.sudo(chain.call('balances', 'forceSetBalance', charlie.address, 5_000_000_000n));
    expect(r.ok).toBe(true);
    expect(r.events.map((e) => `${e.section}.${e.method}`)).toContain('sudo.Sudid');
    expect((chain.read('System', 'Account', [charlie.address]) as { data: { free: number } }).data.free).toBe(5_000_000_000);
  });
});
