import { stakeOf } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';
import { PoolFixture } from './pool-fixture';

const TAO = 1_000_000_000n;
const P = 'SubtensorModule';

describe('add_stake / remove_stake errors, in subtensor order', () => {
  let fx: PoolFixture;
  let alice: string;
  let dave: string;
  let hot: string;

  beforeEach(async () => {
    fx = await PoolFixture.create();
    alice = fx.address('//Alice');
    dave = fx.address('//Dave');
    hot = fx.address('//Hot1');
    fx.setBalance(alice, 1_000n * TAO);
    fx.setBalance(dave, 20n * TAO);
    fx.ownHotkey(hot, alice);
    fx.addSubnet({ netuid: 1, owner: alice, tao: 200n * TAO, alpha: 800n * TAO });
  });

  const error = (who: string, method: string, ...args: unknown[]) => {
    const r = fx.dispatch(who, method, ...args);
    expect(r.ok).toBe(false);
    return r.error;
  };

  describe('add_stake', () => {
    it('checks the subtoken before the subnet, as subtensor does', () => {
      expect(error(alice, 'addStake', hot, 7, 10n * TAO)).toBe('subtensorModule.SubtokenDisabled');
      fx.s.set(P, 'SubtokenEnabled', [7], true);
      expect(error(alice, 'addStake', hot, 7, 10n * TAO)).toBe('subtensorModule.SubnetNotExists');
      fx.addSubnet({ netuid: 3, owner: alice, tao: 200n * TAO, alpha: 800n * TAO, subtokenEnabled: false });
      expect(error(alice, 'addStake', hot, 3, 10n * TAO)).toBe('subtensorModule.SubtokenDisabled');
      expect(fx.free(alice)).toBe(1_000n * TAO);
    });

    it('needs the minimum stake plus its swap fee', () => {
      // DefaultMinStake 2_000_000 + fee 1_007 on a dynamic subnet
      expect(error(alice, 'addStake', hot, 1, 2_001_006n)).toBe('subtensorModule.AmountTooLow');
      const r = fx.dispatch(alice, 'addStake', hot, 1, 2_001_007n);
      expect(r.ok).toBe(true);
      expect((r.events[1]!.data as number[])[5]).toBe(1_007);
      fx.addSubnet({ netuid: 2, owner: alice, tao: 0n, alpha: 0n, mechanism: 0 });
      expect(error(alice, 'addStake', hot, 2, 1_999_999n)).toBe('subtensorModule.AmountTooLow');
    });

    it('needs the balance, then an owned hotkey', () => {
      expect(error(dave, 'addStake', hot, 1, 20n * TAO + 1n)).toBe('subtensorModule.NotEnoughBalanceToStake');
      const stranger = fx.address('//Stranger');
      expect(error(dave, 'addStake', stranger, 1, 21n * TAO)).toBe('subtensorModule.NotEnoughBalanceToStake');
      expect(error(dave, 'addStake', stranger, 1, 10n * TAO)).toBe('subtensorModule.HotKeyAccountNotExists');
      expect(fx.free(dave)).toBe(20n * TAO);
    });

    it('needs a pool holding at least the minimum alpha reserve', () => {
      fx.addSubnet({ netuid: 4, owner: alice, tao: 200n * TAO, alpha: 999_999n });
      expect(error(alice, 'addStake', hot, 4, 10n * TAO)).toBe('subtensorModule.InsufficientLiquidity');
      expect(fx.read('SubnetTAO', [4])).toBe(200n * TAO);
    });
  });

  describe('remove_stake', () => {
    beforeEach(() => {
      expect(fx.dispatch(alice, 'addStake', hot, 1, 10n * TAO).ok).toBe(true);
    });

    it('checks the subtoken, then the subnet', () => {
      fx.nextBlock();
      expect(error(alice, 'removeStake', hot, 7, TAO)).toBe('subtensorModule.SubtokenDisabled');
      fx.s.set(P, 'SubtokenEnabled', [7], true);
      expect(error(alice, 'removeStake', hot, 7, TAO)).toBe('subtensorModule.SubnetNotExists');
    });

    it('refuses to unstake in the block the stake was added', () => {
      expect(error(alice, 'removeStake', hot, 1, TAO)).toBe('subtensorModule.StakingOperationRateLimitExceeded');
      fx.nextBlock();
      expect(fx.dispatch(alice, 'removeStake', hot, 1, TAO).ok).toBe(true);
    });

    it('refuses a coldkey without stake there, and a partial unstake below the minimum', () => {
      fx.nextBlock();
      expect(error(dave, 'removeStake', hot, 1, TAO)).toBe('subtensorModule.AmountTooLow');
      // 4_000_000 alpha fetch about 1_100_000 rao, under DefaultMinStake
      expect(error(alice, 'removeStake', hot, 1, 4_000_000n)).toBe('subtensorModule.AmountTooLow');
      expect(stakeOf(fx.s, hot, alice, 1)).toBe(38_076_968_352n);
    });

    it('needs the minimum TAO reserve to pay out', () => {
      fx.nextBlock();
      fx.s.set(P, 'SubnetTAO', [1], 999_999n);
      expect(error(alice, 'removeStake', hot, 1, TAO)).toBe('subtensorModule.InsufficientLiquidity');
    });

    it('checks the hotkey last', () => {
      fx.nextBlock();
      fx.s.remove(P, 'Owner', [hot]);
      expect(error(alice, 'removeStake', hot, 1, TAO)).toBe('subtensorModule.HotKeyAccountNotExists');
    });
  });
});
