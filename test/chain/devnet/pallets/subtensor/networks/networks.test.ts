import { startTestChain, type TestChain } from '../../../support/test-chain';
import { advanceTo, eventNames, feePaid, free, runtimeApi, stored, sudoOutcome, TAO } from './support';

/** Genesis, `register_network`'s lock, pool and owner neuron, its errors, and `start_call`. */
describe('subtensor networks', () => {
  let chain: TestChain;
  const issuance = () => BigInt(chain.read('Balances', 'TotalIssuance') as number);
  const sub = (item: string, keys: unknown[] = []) => chain.read('SubtensorModule', item, keys);
  const lockCost = () => BigInt(runtimeApi(chain, 'SubnetRegistrationRuntimeApi', 'get_network_registration_cost').toString());

  beforeAll(async () => {
    chain = await startTestChain();
  });
  afterAll(() => chain.close());

  it('starts with the root subnet owned by the sudo key', () => {
    const { alice } = chain.keys;
    expect(sub('NetworksAdded', [0])).toBe(true);
    expect(sub('NetworksAdded', [1])).toBe(false);
    expect(sub('TotalNetworks')).toBe(1);
    expect(sub('SubnetOwner', [0])).toBe(alice.address);
    expect(sub('SubnetOwnerHotkey', [0])).toBe(chain.keyring.addFromUri('//Alice_hk').address);
    expect(sub('Tempo', [0])).toBe(100);
    expect(sub('MaxAllowedUids', [0])).toBe(64);
    expect(sub('MaxAllowedValidators', [0])).toBe(64);
    expect(sub('MinAllowedWeights', [0])).toBe(0);
    expect(sub('SubnetMechanism', [0])).toBe(0);
    expect(sub('NetworkRateLimit')).toBe(7200);
    expect(sub('StartCallDelay')).toBe(0);
    expect(sub('AdminFreezeWindow')).toBe(3);
    // 3 × 1,000,000 TAO + 3 × 2,000 TAO.
    expect(BigInt(sub('TotalIssuance') as number)).toBe(3_006_000n * TAO);
    expect(lockCost()).toBe(1_000n * TAO);
  });

  it('registers netuid 1: the lock is paid, the pool seeded and the hotkey is uid 0', async () => {
    const { bob } = chain.keys;
    const hot = chain.keyring.addFromUri('//NetHot1').address;
    const before = free(chain, bob.address);
    const issuanceBefore = issuance();
    const r = await chain.submit(bob, chain.call('subtensorModule', 'registerNetwork', hot));
    expect(r.ok).toBe(true);
    expect(r.blockNumber).toBe(1);
    expect(eventNames(r)).toEqual([
      'balances.Withdraw',
      'balances.Withdraw',
      'subtensorModule.MaxAllowedUidsSet',
      'subtensorModule.MaxAllowedValidatorsSet',
      'subtensorModule.MinAllowedWeightSet',
      'subtensorModule.ImmunityPeriodSet',
      'subtensorModule.NetworkAdded',
      'transactionPayment.TransactionFeePaid',
      'system.ExtrinsicSuccess',
    ]);
    expect(r.events[1]!.data).toEqual([bob.address, 1_000_000_000_000]);
    expect(r.events[6]!.data).toEqual([1, 1]);
    const fee = feePaid(r);
    expect(before - free(chain, bob.address)).toBe(1_000n * TAO + fee);
    expect(issuanceBefore - issuance()).toBe(1_000n * TAO + fee);

    expect(sub('NetworksAdded', [1])).toBe(true);
    expect(sub('TotalNetworks')).toBe(2);
    expect(sub('SubnetMechanism', [1])).toBe(1);
    expect(sub('NetworkRegisteredAt', [1])).toBe(1);
    expect(sub('NetworkLastLockCost')).toBe(1_000_000_000_000);
    expect(sub('SubnetOwner', [1])).toBe(bob.address);
    expect(sub('SubnetOwnerHotkey', [1])).toBe(hot);
    expect(sub('SubnetTAO', [1])).toBe(1_000_000_000_000);
    expect(sub('SubnetAlphaIn', [1])).toBe(1_000_000_000_000);
    expect(sub('SubnetAlphaOut', [1])).toBe(0);
    expect(sub('TotalStake')).toBe(1_000_000_000_000);
    // The whole lock went into the pool, so nothing was recycled.
    expect(BigInt(sub('TotalIssuance') as number)).toBe(3_006_000n * TAO);

    expect(sub('Owner', [hot])).toBe(bob.address);
    expect(sub('OwnedHotkeys', [bob.address])).toEqual([hot]);
    expect(sub('StakingHotkeys', [bob.address])).toEqual([hot]);
    expect(sub('SubnetworkN', [1])).toBe(1);
    expect(sub('Keys', [1, 0])).toBe(hot);
    expect(sub('Uids', [1, hot])).toBe(0);
    expect(sub('IsNetworkMember', [hot, 1])).toBe(true);
    expect(sub('BlockAtRegistration', [1, 0])).toBe(1);
    expect(sub('Active', [1])).toEqual([true]);
    expect(sub('Emission', [1])).toEqual([0]);
    expect(sub('LastUpdate', [1])).toEqual([1]);
    expect(sub('ValidatorPermit', [1])).toEqual([false]);

    // init_new_network's explicit defaults.
    expect(sub('Tempo', [1])).toBe(10);
    expect(sub('MaxAllowedUids', [1])).toBe(256);
    expect(sub('MaxAllowedValidators', [1])).toBe(64);
    expect(sub('MinAllowedWeights', [1])).toBe(1);
    expect(sub('ImmunityPeriod', [1])).toBe(5000);
    expect(sub('Yuma3On', [1])).toBe(true);
    expect(sub('Burn', [1])).toBe(1_000_000_000);
    expect(sub('Kappa', [1])).toBe(32767);
    expect(sub('WeightsSetRateLimit', [1])).toBe(100);
    expect(sub('CommitRevealWeightsEnabled', [1])).toBe(true);
    expect(sub('FirstEmissionBlockNumber', [1])).toBeNull();
    expect(sub('SubtokenEnabled', [1])).toBe(false);
  });

  it('doubles the next lock, decaying per block, and recycles the lock above the pool seed', async () => {
    const { charlie } = chain.keys;
    // At the registration block the cost is exactly twice the last lock.
    expect(lockCost()).toBe(2_000n * TAO);
    // Subtensor's NetworkRateLimit (7200 blocks; the first registration was exempt) refuses a second one now…
    advanceTo(chain, 99);
    const limited = await chain.submit(charlie, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//NetHot2').address));
    expect(limited.error).toBe('subtensorModule.NetworkTxRateLimitExceeded');
    // …until sudo lowers it.
    expect(sudoOutcome(chain, await chain.sudo(chain.call('adminUtils', 'sudoSetNetworkRateLimit', 0)))).toBe('Ok');
    advanceTo(chain, 101);
    // 2 × 1000 TAO − ⌊1000 TAO / 100800⌋ × (101 − 1) blocks.
    const expected = 2_000n * TAO - 9_920_634n * 100n;
    expect(expected).toBe(1_999_007_936_600n);
    const before = free(chain, charlie.address);
    const r = await chain.submit(charlie, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//NetHot2').address));
    expect(r.ok).toBe(true);
    expect(r.blockNumber).toBe(101);
    expect(before - free(chain, charlie.address)).toBe(expected + feePaid(r));
    expect(r.events.find((e) => e.method === 'NetworkAdded')!.data).toEqual([2, 1]);
    expect(sub('NetworkLastLockCost')).toBe(1_999_007_936_600);
    expect(sub('SubnetTAO', [2])).toBe(1_000_000_000_000);
    expect(sub('SubnetAlphaIn', [2])).toBe(1_000_000_000_000);
    expect(sub('TotalStake')).toBe(2_000_000_000_000);
    expect(BigInt(sub('TotalIssuance') as number)).toBe(3_006_000n * TAO - (expected - 1_000n * TAO));
    expect(lockCost()).toBe(2n * expected);
  });

  it('refuses a hotkey owned by another coldkey', async () => {
    const r = await chain.submit(chain.keys.dave, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//NetHot1').address));
    expect(r.error).toBe('subtensorModule.NonAssociatedColdKey');
  });

  it('refuses a coldkey that cannot afford the lock', async () => {
    const { dave } = chain.keys;
    const before = free(chain, dave.address);
    const r = await chain.submit(dave, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//DaveHot').address));
    expect(r.error).toBe('subtensorModule.CannotAffordLockCost');
    expect(before - free(chain, dave.address)).toBe(feePaid(r));
    expect(sub('NetworksAdded', [3])).toBe(false);
    expect(stored(chain, 'Owner', [chain.keyring.addFromUri('//DaveHot').address])).toBe(false);
  });

  it('rate-limits registrations by NetworkRateLimit blocks since the last one', async () => {
    const s = await chain.sudo(chain.call('adminUtils', 'sudoSetNetworkRateLimit', 50));
    expect(sudoOutcome(chain, s)).toBe('Ok');
    expect(s.events[0]).toEqual({ section: 'subtensorModule', method: 'NetworkRateLimitSet', data: [50] });
    const { charlie } = chain.keys;
    advanceTo(chain, 150);
    const early = await chain.submit(charlie, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//NetHot3').address));
    expect(early.blockNumber).toBe(150);
    expect(early.error).toBe('subtensorModule.NetworkTxRateLimitExceeded');
    const onTime = await chain.submit(charlie, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//NetHot3').address));
    expect(onTime.blockNumber).toBe(151);
    expect(onTime.ok).toBe(true);
    expect(onTime.events.find((e) => e.method === 'NetworkAdded')!.data).toEqual([3, 1]);
  });

  it('start_call: owner only, once, emission from the next block', async () => {
    const { bob, charlie } = chain.keys;
    expect((await chain.submit(bob, chain.call('subtensorModule', 'startCall', 9))).error).toBe('subtensorModule.SubnetNotExists');
    expect((await chain.submit(charlie, chain.call('subtensorModule', 'startCall', 1))).error).toBe('BadOrigin');
    const r = await chain.submit(bob, chain.call('subtensorModule', 'startCall', 1));
    expect(r.ok).toBe(true);
    expect(r.events.find((e) => e.section === 'subtensorModule')).toEqual({
      section: 'subtensorModule',
      method: 'FirstEmissionBlockNumberSet',
      data: [1, r.blockNumber + 1],
    });
    expect(sub('FirstEmissionBlockNumber', [1])).toBe(r.blockNumber + 1);
    expect(sub('SubtokenEnabled', [1])).toBe(true);
    const again = await chain.submit(bob, chain.call('subtensorModule', 'startCall', 1));
    expect(again.error).toBe('subtensorModule.FirstEmissionBlockNumberAlreadySet');
  });
});
