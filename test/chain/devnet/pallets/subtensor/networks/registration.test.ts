import { startTestChain, type TestChain } from '../../../support/test-chain';
import { allowManySubnets, eventNames, feePaid, free, funded, openAdminWindow, stored, sudoOutcome, TAO } from './support';

/** `burned_register`: payment into the pool, the uid table, its errors, and replacement when full. */
describe('subtensor burned registration', () => {
  let chain: TestChain;
  const sub = (item: string, keys: unknown[] = []) => chain.read('SubtensorModule', item, keys);
  const hot = (name: string) => chain.keyring.addFromUri(`//${name}`).address;
  const register = (signer = chain.keys.charlie, netuid: number, hotkey: string) =>
    chain.submit(signer, chain.call('subtensorModule', 'burnedRegister', netuid, hotkey));

  beforeAll(async () => {
    chain = await startTestChain();
    const r = await chain.submit(chain.keys.bob, chain.call('subtensorModule', 'registerNetwork', hot('Owner1')));
    if (!r.ok) throw new Error(r.error);
    await allowManySubnets(chain);
  });
  afterAll(() => chain.close());

  it('burns the subnet Burn into the pool and appends uid 1', async () => {
    const { charlie } = chain.keys;
    const before = free(chain, charlie.address);
    const issuanceBefore = BigInt(chain.read('Balances', 'TotalIssuance') as number);
    const r = await register(charlie, 1, hot('Reg1'));
    expect(r.ok).toBe(true);
    expect(eventNames(r)).toEqual([
      'balances.Withdraw',
      'balances.Withdraw',
      'subtensorModule.NeuronRegistered',
      'transactionPayment.TransactionFeePaid',
      'system.ExtrinsicSuccess',
    ]);
    expect(r.events[1]!.data).toEqual([charlie.address, 1_000_000_000]);
    expect(r.events[2]!.data).toEqual([1, 1, hot('Reg1')]);
    expect(before - free(chain, charlie.address)).toBe(TAO + feePaid(r));
    expect(issuanceBefore - BigInt(chain.read('Balances', 'TotalIssuance') as number)).toBe(TAO + feePaid(r));
    // 1 TAO less the 33/65535 swap fee (503,547 rao, burned from TotalIssuance) buys
    // ⌊1e12 × 999,496,453 / (1e12 + 999,496,453)⌋ = 998,498,457 alpha, and that alpha is burned.
    expect(sub('SubnetTAO', [1])).toBe(1_000_999_496_453);
    expect(sub('SubnetAlphaIn', [1])).toBe(1_000_000_000_000 - 998_498_457);
    expect(sub('SubnetAlphaOut', [1])).toBe(0);
    expect(sub('TotalStake')).toBe(1_001_000_000_000);
    expect(BigInt(sub('TotalIssuance') as number)).toBe(3_006_000n * TAO - 503_547n);

    expect(sub('Owner', [hot('Reg1')])).toBe(charlie.address);
    expect(sub('OwnedHotkeys', [charlie.address])).toEqual([hot('Reg1')]);
    expect(sub('SubnetworkN', [1])).toBe(2);
    expect(sub('Keys', [1, 1])).toBe(hot('Reg1'));
    expect(sub('Uids', [1, hot('Reg1')])).toBe(1);
    expect(sub('IsNetworkMember', [hot('Reg1'), 1])).toBe(true);
    expect(sub('BlockAtRegistration', [1, 1])).toBe(r.blockNumber);
    expect(sub('Active', [1])).toEqual([true, true]);
    expect(sub('Emission', [1])).toEqual([0, 0]);
    expect(sub('Consensus', [1])).toEqual([0, 0]);
    expect(sub('Incentive', [1])).toEqual([0, 0]);
    expect(sub('Dividends', [1])).toEqual([0, 0]);
    expect(sub('ValidatorTrust', [1])).toEqual([0, 0]);
    expect(sub('ValidatorPermit', [1])).toEqual([false, false]);
    expect(sub('LastUpdate', [1])).toEqual([1, r.blockNumber]);
  });

  it('checks root, existence and duplicates before the balance', async () => {
    const poor = await funded(chain, '//Poor', TAO / 2n);
    expect((await register(poor, 0, hot('Poor1'))).error).toBe('subtensorModule.RegistrationNotPermittedOnRootSubnet');
    expect((await register(poor, 7, hot('Poor1'))).error).toBe('subtensorModule.SubnetNotExists');
    expect((await register(poor, 1, hot('Reg1'))).error).toBe('subtensorModule.HotKeyAlreadyRegisteredInSubNet');
    const r = await register(poor, 1, hot('Poor1'));
    expect(r.error).toBe('subtensorModule.NotEnoughBalanceToStake');
    expect(stored(chain, 'Owner', [hot('Poor1')])).toBe(false);
  });

  it('refuses a hotkey that another coldkey owns', async () => {
    const { charlie, dave } = chain.keys;
    // Charlie's hotkey on subnet 2 is owned by Charlie but not registered on subnet 1.
    expect((await chain.submit(charlie, chain.call('subtensorModule', 'registerNetwork', hot('Owner2')))).ok).toBe(true);
    const before = free(chain, dave.address);
    const r = await register(dave, 1, hot('Owner2'));
    expect(r.error).toBe('subtensorModule.NonAssociatedColdKey');
    expect(before - free(chain, dave.address)).toBe(feePaid(r));
    expect(sub('SubnetworkN', [1])).toBe(2);
  });

  it('replaces the earliest registered non-owner neuron once MaxAllowedUids is reached', async () => {
    const { alice } = chain.keys;
    await openAdminWindow(chain);
    const tooFew = await chain.sudo(chain.call('adminUtils', 'sudoSetMaxAllowedUids', 1, 63));
    expect(sudoOutcome(chain, tooFew)).toBe('adminUtils.MaxAllowedUidsLessThanMinAllowedUids');
    const set = await chain.sudo(chain.call('adminUtils', 'sudoSetMaxAllowedUids', 1, 64));
    expect(sudoOutcome(chain, set)).toBe('Ok');
    for (let i = 2; i < 64; i++) {
      const r = await register(alice, 1, hot(`Fill${i}`));
      expect(r.events.find((e) => e.method === 'NeuronRegistered')!.data).toEqual([1, i, hot(`Fill${i}`)]);
    }
    expect(sub('SubnetworkN', [1])).toBe(64);
    expect((sub('Active', [1]) as boolean[]).length).toBe(64);
    // uid 1 (Reg1) served an axon; replacing it clears that.
    const reg1 = chain.keyring.addFromUri('//Reg1');
    expect((await chain.submit(reg1, chain.call('subtensorModule', 'serveAxon', 1, 0, 3_232_235_777n, 8091, 4, 0, 0, 0))).ok).toBe(true);
    expect(stored(chain, 'Axons', [1, hot('Reg1')])).toBe(true);

    const first = await register(alice, 1, hot('Late1'));
    expect(first.events.find((e) => e.method === 'NeuronRegistered')!.data).toEqual([1, 1, hot('Late1')]);
    expect(sub('SubnetworkN', [1])).toBe(64);
    expect(sub('Keys', [1, 1])).toBe(hot('Late1'));
    expect(sub('Uids', [1, hot('Late1')])).toBe(1);
    expect(sub('Uids', [1, hot('Reg1')])).toBeNull();
    expect(stored(chain, 'IsNetworkMember', [hot('Reg1'), 1])).toBe(false);
    expect(stored(chain, 'Axons', [1, hot('Reg1')])).toBe(false);
    expect(sub('BlockAtRegistration', [1, 1])).toBe(first.blockNumber);
    // The hotkey keeps its owner; only its subnet slot went.
    expect(sub('Owner', [hot('Reg1')])).toBe(chain.keys.charlie.address);

    // uid 1 is now the newest, so the next to go is uid 2; the owner's uid 0 never goes.
    const second = await register(alice, 1, hot('Late2'));
    expect(second.events.find((e) => e.method === 'NeuronRegistered')!.data).toEqual([1, 2, hot('Late2')]);
    expect(sub('Keys', [1, 0])).toBe(hot('Owner1'));
    expect(sub('Uids', [1, hot('Fill2')])).toBeNull();
  });
});
