import { startTestChain, type TestChain, type TxResult } from '../../../support/test-chain';
import { advanceTo, allowManySubnets, openAdminWindow, sudoOutcome, TAO } from './support';

interface SetterCase {
  readonly call: string;
  readonly item: string;
  readonly event: string;
  /** Values set by root and then by the owner (when the owner may). */
  readonly root: number | bigint | boolean;
  readonly owner?: number | bigint | boolean;
  readonly freezes: boolean;
}

/** Each subnet hyperparameter setter on netuid 1 (owned by //Bob). */
const SUBNET_SETTERS: SetterCase[] = [
  { call: 'sudoSetTempo', item: 'Tempo', event: 'TempoSet', root: 20, freezes: true },
  { call: 'sudoSetWeightsSetRateLimit', item: 'WeightsSetRateLimit', event: 'WeightsSetRateLimitSet', root: 7, freezes: false },
  { call: 'sudoSetKappa', item: 'Kappa', event: 'KappaSet', root: 100, freezes: false },
  { call: 'sudoSetMaxAllowedValidators', item: 'MaxAllowedValidators', event: 'MaxAllowedValidatorsSet', root: 32, freezes: true },
  { call: 'sudoSetCommitRevealWeightsEnabled', item: 'CommitRevealWeightsEnabled', event: 'CommitRevealEnabled', root: false, owner: true, freezes: true },
  { call: 'sudoSetCommitRevealWeightsInterval', item: 'RevealPeriodEpochs', event: 'CommitRevealPeriodsSet', root: 3, owner: 4, freezes: true },
  { call: 'sudoSetMinBurn', item: 'MinBurn', event: 'MinBurnSet', root: 600_000, owner: 700_000, freezes: true },
  { call: 'sudoSetMaxBurn', item: 'MaxBurn', event: 'MaxBurnSet', root: 50_000_000_000, owner: 60_000_000_000, freezes: true },
  { call: 'sudoSetMinAllowedWeights', item: 'MinAllowedWeights', event: 'MinAllowedWeightSet', root: 3, owner: 2, freezes: true },
  { call: 'sudoSetWeightsVersionKey', item: 'WeightsVersionKey', event: 'WeightsVersionKeySet', root: 42, owner: 43, freezes: true },
  { call: 'sudoSetMaxAllowedUids', item: 'MaxAllowedUids', event: 'MaxAllowedUidsSet', root: 128, owner: 96, freezes: true },
  { call: 'sudoSetActivityCutoff', item: 'ActivityCutoff', event: 'ActivityCutoffSet', root: 400, owner: 500, freezes: true },
  { call: 'sudoSetImmunityPeriod', item: 'ImmunityPeriod', event: 'ImmunityPeriodSet', root: 77, owner: 78, freezes: true },
  { call: 'sudoSetServingRateLimit', item: 'ServingRateLimit', event: 'ServingRateLimitSet', root: 5, owner: 6, freezes: true },
];

/** AdminUtils: origins, the freeze window, existence and bounds checks, and the `*Set` events. */
describe('AdminUtils setters', () => {
  let chain: TestChain;
  const sub = (item: string, keys: unknown[] = []) => chain.read('SubtensorModule', item, keys);
  const inner = (r: TxResult) => r.events.filter((e) => e.section === 'subtensorModule');
  const json = (v: number | bigint | boolean) => (typeof v === 'bigint' ? Number(v) : v);

  beforeAll(async () => {
    chain = await startTestChain();
    await allowManySubnets(chain);
    const owner = (seed: string) => chain.keyring.addFromUri(seed).address;
    expect((await chain.submit(chain.keys.bob, chain.call('subtensorModule', 'registerNetwork', owner('//AdminOwner1')))).ok).toBe(true);
    expect((await chain.submit(chain.keys.charlie, chain.call('subtensorModule', 'registerNetwork', owner('//AdminOwner2')))).ok).toBe(true);
  });
  afterAll(() => chain.close());

  describe('with the admin window open', () => {
    beforeAll(() => openAdminWindow(chain));

    it.each(SUBNET_SETTERS)('$call: root sets it, the owner when allowed, others get BadOrigin', async (c) => {
      const { bob, dave } = chain.keys;
      const byRoot = await chain.sudo(chain.call('adminUtils', c.call, 1, c.root));
      expect(sudoOutcome(chain, byRoot)).toBe('Ok');
      expect(inner(byRoot)).toEqual([{ section: 'subtensorModule', method: c.event, data: [1, json(c.root)] }]);
      expect(sub(c.item, [1])).toBe(json(c.root));

      const byStranger = await chain.submit(dave, chain.call('adminUtils', c.call, 1, c.owner ?? c.root));
      expect(byStranger.error).toBe('BadOrigin');
      const byOwner = await chain.submit(bob, chain.call('adminUtils', c.call, 1, c.owner ?? c.root));
      if (c.owner === undefined) {
        expect(byOwner.error).toBe('BadOrigin');
        expect(sub(c.item, [1])).toBe(json(c.root));
      } else {
        expect(byOwner.ok).toBe(true);
        expect(inner(byOwner)).toEqual([{ section: 'subtensorModule', method: c.event, data: [1, json(c.owner)] }]);
        expect(sub(c.item, [1])).toBe(json(c.owner));
      }
    });

    it.each(SUBNET_SETTERS.filter((c) => c.call !== 'sudoSetServingRateLimit'))('$call: SubnetDoesNotExist', async (c) => {
      const r = await chain.sudo(chain.call('adminUtils', c.call, 9, c.root));
      expect(sudoOutcome(chain, r)).toBe('adminUtils.SubnetDoesNotExist');
    });

    it('sudo_set_serving_rate_limit does not check that the subnet exists (as subtensor)', async () => {
      const r = await chain.sudo(chain.call('adminUtils', 'sudoSetServingRateLimit', 9, 11));
      expect(sudoOutcome(chain, r)).toBe('Ok');
      expect(sub('ServingRateLimit', [9])).toBe(11);
    });

    it.each([
      ['sudoSetNetworkRateLimit', 'NetworkRateLimit', 'NetworkRateLimitSet', 9],
      ['sudoSetStakeThreshold', 'StakeThreshold', 'StakeThresholdSet', 1_000],
      ['sudoSetAdminFreezeWindow', 'AdminFreezeWindow', 'AdminFreezeWindowSet', 0],
    ])('%s: root only', async (call, item, event, value) => {
      const r = await chain.sudo(chain.call('adminUtils', call, value));
      expect(sudoOutcome(chain, r)).toBe('Ok');
      expect(inner(r)).toEqual([{ section: 'subtensorModule', method: event, data: [value] }]);
      expect(sub(item)).toBe(value);
      expect((await chain.submit(chain.keys.bob, chain.call('adminUtils', call, value + 1))).error).toBe('BadOrigin');
      expect(sub(item)).toBe(value);
    });

    it('enforces the bounds', async () => {
      const root = async (call: string, ...args: unknown[]) => sudoOutcome(chain, await chain.sudo(chain.call('adminUtils', call, 2, ...args)));
      expect(await root('sudoSetMinBurn', TAO)).toBe('adminUtils.ValueNotInBounds');
      expect(await root('sudoSetMaxBurn', 2n * TAO)).toBe('Ok');
      expect(await root('sudoSetMinBurn', TAO - 1n)).toBe('Ok');
      expect(await root('sudoSetMaxBurn', TAO - 1n)).toBe('adminUtils.ValueNotInBounds');
      expect(await root('sudoSetMaxBurn', TAO / 10n)).toBe('adminUtils.ValueNotInBounds');
      expect(await root('sudoSetMaxAllowedValidators', 257)).toBe('adminUtils.MaxValidatorsLargerThanMaxUIds');
      expect(await root('sudoSetMaxAllowedUids', 63)).toBe('adminUtils.MaxAllowedUidsLessThanMinAllowedUids');
      expect(await root('sudoSetMaxAllowedUids', 257)).toBe('adminUtils.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids');
      expect(await root('sudoSetActivityCutoff', 359)).toBe('subtensorModule.ActivityCutoffTooLow');
      expect(await root('sudoSetActivityCutoff', 360)).toBe('Ok');
      expect(await root('sudoSetCommitRevealWeightsInterval', 0)).toBe('subtensorModule.RevealPeriodTooSmall');
      expect(await root('sudoSetCommitRevealWeightsInterval', 101)).toBe('subtensorModule.RevealPeriodTooLarge');
      expect(await root('sudoSetCommitRevealWeightsInterval', 100)).toBe('Ok');
      expect(sub('MinBurn', [2])).toBe(999_999_999);
      expect(sub('MaxBurn', [2])).toBe(2_000_000_000);
      expect(sub('ActivityCutoff', [2])).toBe(360);
      expect(sub('RevealPeriodEpochs', [2])).toBe(100);
    });
  });

  describe('with a freeze window of 3 blocks on netuid 2 (tempo 10)', () => {
    // Blocks until netuid 2's epoch: 10 − (block + 3) mod 11; frozen while that is below 3.
    const nextBlockWithRemaining = (remaining: number) => {
      let b = chain.node.headNumber + 1;
      while (10 - ((b + 3) % 11) !== remaining) b++;
      return b;
    };

    beforeAll(async () => {
      const r = await chain.sudo(chain.call('adminUtils', 'sudoSetAdminFreezeWindow', 3));
      expect(sudoOutcome(chain, r)).toBe('Ok');
    });

    it('lets the owner set a hyperparameter 3 blocks before the epoch, not 2', async () => {
      const { charlie } = chain.keys;
      advanceTo(chain, nextBlockWithRemaining(3));
      const open = await chain.submit(charlie, chain.call('adminUtils', 'sudoSetImmunityPeriod', 2, 321));
      expect(open.ok).toBe(true);
      const frozen = await chain.submit(charlie, chain.call('adminUtils', 'sudoSetImmunityPeriod', 2, 322));
      expect(10 - ((frozen.blockNumber + 3) % 11)).toBe(2);
      expect(frozen.error).toBe('subtensorModule.AdminActionProhibitedDuringWeightsWindow');
      expect(sub('ImmunityPeriod', [2])).toBe(321);
    });

    it('freezes root too, but not the setters subtensor leaves unfrozen', async () => {
      advanceTo(chain, nextBlockWithRemaining(0));
      const tempo = await chain.sudo(chain.call('adminUtils', 'sudoSetTempo', 2, 30));
      expect(sudoOutcome(chain, tempo)).toBe('subtensorModule.AdminActionProhibitedDuringWeightsWindow');
      expect(sub('Tempo', [2])).toBe(10);
      advanceTo(chain, nextBlockWithRemaining(1));
      const kappa = await chain.sudo(chain.call('adminUtils', 'sudoSetKappa', 2, 1234));
      expect(sudoOutcome(chain, kappa)).toBe('Ok');
      expect(sub('Kappa', [2])).toBe(1234);
    });

    it.each(SUBNET_SETTERS)('$call: frozen for root in the window: $freezes', async (c) => {
      advanceTo(chain, nextBlockWithRemaining(0));
      const r = await chain.sudo(chain.call('adminUtils', c.call, 2, c.root));
      expect(sudoOutcome(chain, r)).toBe(c.freezes ? 'subtensorModule.AdminActionProhibitedDuringWeightsWindow' : 'Ok');
    });

    it('checks the origin before the window', async () => {
      advanceTo(chain, nextBlockWithRemaining(0));
      const r = await chain.submit(chain.keys.dave, chain.call('adminUtils', 'sudoSetImmunityPeriod', 2, 5));
      expect(r.error).toBe('BadOrigin');
    });
  });
});
