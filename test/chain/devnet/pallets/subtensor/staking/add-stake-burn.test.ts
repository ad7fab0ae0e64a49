import { stakeOf } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';
import { PoolFixture } from './pool-fixture';

const TAO = 1_000_000_000n;
const P = 'SubtensorModule';

describe('add_stake_burn: the subnet buyback', () => {
  let fx: PoolFixture;
  let owner: string;
  let bob: string;
  let hot: string;

  beforeEach(async () => {
    fx = await PoolFixture.create();
    owner = fx.address('//Owner');
    bob = fx.address('//Bob');
    hot = fx.address('//OwnerHot');
    fx.setBalance(owner, 1_000n * TAO);
    fx.setBalance(bob, 1_000n * TAO);
    fx.ownHotkey(hot, owner);
    // 1000 TAO against 1000 alpha: price 1.0; buybacks at most once per 5 blocks.
    fx.addSubnet({ netuid: 1, owner, tao: 1_000n * TAO, alpha: 1_000n * TAO, tempo: 5 });
  });

  /** Alpha in the pool plus alpha held by stakers: what a burn takes out of existence. */
  const alphaSupply = () => fx.read('SubnetAlphaIn', [1]) + fx.read('TotalHotkeyAlpha', [hot, 1]);

  it('buys alpha with TAO and burns it: AddStakeBurn, and the alpha supply falls by the burned amount', () => {
    const supply = alphaSupply();
    const r = fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, null);
    expect(r.ok).toBe(true);
    // fee 5_035_477; dy = 9_994_964_523; alpha = ⌊1e12·dy / (1e12 + dy)⌋ = 9_896_053_816
    expect(r.events).toEqual([
      { section: 'balances', method: 'Withdraw', data: [owner, 10_000_000_000] },
      { section: 'subtensorModule', method: 'StakeAdded', data: [owner, hot, 10_000_000_000, 9_896_053_816, 1, 5_035_477] },
      { section: 'subtensorModule', method: 'AlphaBurned', data: [owner, hot, 9_896_053_816, 1] },
      { section: 'subtensorModule', method: 'AddStakeBurn', data: [1, hot, 10_000_000_000, 9_896_053_816] },
    ]);
    expect(alphaSupply()).toBe(supply - 9_896_053_816n);
    expect(fx.read('SubnetAlphaIn', [1])).toBe(990_103_946_184n);
    expect(fx.read('SubnetTAO', [1])).toBe(1_009_994_964_523n);
    expect(stakeOf(fx.s, hot, owner, 1)).toBe(0n);
    // A burn, not a recycle: the bought alpha stays counted in SubnetAlphaOut, so
    // SubnetAlphaIn + SubnetAlphaOut is unchanged.
    expect(fx.read('SubnetAlphaOut', [1])).toBe(9_896_053_816n);
    expect(fx.read('SubnetAlphaIn', [1]) + fx.read('SubnetAlphaOut', [1])).toBe(1_000n * TAO);
    expect(fx.free(owner)).toBe(990n * TAO);
  });

  it('is the subnet owner’s alone', () => {
    expect(fx.dispatch(bob, 'addStakeBurn', hot, 1, 10n * TAO, null).error).toBe('BadOrigin');
    expect(fx.dispatch(owner, 'addStakeBurn', hot, 9, 10n * TAO, null).error).toBe('BadOrigin');
    expect(fx.free(bob)).toBe(1_000n * TAO);
  });

  it('runs at most once per tempo of the subnet', () => {
    const first = fx.blockNumber;
    expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, null).ok).toBe(true);
    for (let i = 1; i < 5; i++) {
      fx.nextBlock();
      expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, null).error).toBe('subtensorModule.AddStakeBurnRateLimitExceeded');
    }
    fx.nextBlock();
    expect(fx.blockNumber).toBe(first + 5);
    const again = fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, null);
    expect(again.events[3]!.data).toEqual([1, hot, 10_000_000_000, 9_702_109_338]);
  });

  it('passes add_stake’s errors through', () => {
    fx.setBalance(owner, 5n * TAO);
    expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, null).error).toBe('subtensorModule.NotEnoughBalanceToStake');
    expect(fx.dispatch(owner, 'addStakeBurn', fx.address('//Stranger'), 1, TAO, null).error).toBe('subtensorModule.HotKeyAccountNotExists');
  });

  describe('with a price limit (rao per alpha)', () => {
    it('buys all of the amount that keeps the price within the limit', () => {
      // To 1.21: √(1.21e24) − 1e12 = 1e11 TAO into the pool, plus its fee 50_380_141.
      const r = fx.dispatch(owner, 'addStakeBurn', hot, 1, 100_050_380_141n, 1_210_000_000n);
      expect(r.ok).toBe(true);
      expect(r.events[3]).toEqual({ section: 'subtensorModule', method: 'AddStakeBurn', data: [1, hot, 100_050_380_141, 90_909_090_909] });
      expect(fx.read('SubnetTAO', [1])).toBe(1_100n * TAO);
      expect(fx.read('SubnetAlphaIn', [1])).toBe(909_090_909_091n);
    });

    it('refuses an amount that would pass the limit', () => {
      expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 100_050_380_142n, 1_210_000_000n).error).toBe('subtensorModule.SlippageTooHigh');
      expect(fx.read('SubnetTAO', [1])).toBe(1_000n * TAO);
    });

    it('refuses a limit at or below the current price', () => {
      expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, 1_000_000_000n).error).toBe('subtensorModule.ZeroMaxStakeAmount');
      expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, 900_000_000n).error).toBe('subtensorModule.ZeroMaxStakeAmount');
    });

    it('refuses a limit so close to the price that nothing can be bought', () => {
      fx.s.set(P, 'SubnetTAO', [1], 1_000_000n);
      fx.s.set(P, 'SubnetAlphaIn', [1], 1_000_000n);
      // √((1e9 + 1)·1e12 / 1e9) rounds down to the 1e6 already in the pool.
      expect(fx.dispatch(owner, 'addStakeBurn', hot, 1, 10n * TAO, 1_000_000_001n).error).toBe('subtensorModule.ZeroMaxStakeAmount');
    });

    it('on a stable subnet, takes any limit from 1.0 up and refuses one below', () => {
      fx.addSubnet({ netuid: 2, owner, tao: 0n, alpha: 0n, mechanism: 0, tempo: 5 });
      expect(fx.dispatch(owner, 'addStakeBurn', hot, 2, 10n * TAO, 999_999_999n).error).toBe('subtensorModule.ZeroMaxStakeAmount');
      const r = fx.dispatch(owner, 'addStakeBurn', hot, 2, 10n * TAO, 1_000_000_000n);
      expect(r.events[3]!.data).toEqual([2, hot, 10_000_000_000, 10_000_000_000]);
    });
  });
});
