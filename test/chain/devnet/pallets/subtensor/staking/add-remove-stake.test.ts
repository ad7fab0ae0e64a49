import { stakeOf } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';
import { PoolFixture } from './pool-fixture';

const TAO = 1_000_000_000n;

describe('add_stake / remove_stake through the subnet pool', () => {
  let fx: PoolFixture;
  let alice: string;
  let hot: string;

  beforeEach(async () => {
    fx = await PoolFixture.create();
    alice = fx.address('//Alice');
    hot = fx.address('//Hot1');
    fx.setBalance(alice, 1_000n * TAO);
    fx.s.set('SubtensorModule', 'TotalIssuance', [], 5_000n * TAO);
    fx.ownHotkey(hot, alice);
    // 200 TAO against 800 alpha: 0.25 TAO per alpha.
    fx.addSubnet({ netuid: 1, owner: alice, tao: 200n * TAO, alpha: 800n * TAO });
  });

  it('stakes TAO for alpha at the pool price and sells it back', () => {
    const staked = fx.dispatch(alice, 'addStake', hot, 1, 10n * TAO);
    expect(staked.ok).toBe(true);
    // fee ⌊1e10·33/65535⌋ = 5_035_477; dy = 9_994_964_523; alpha = ⌊8e11·dy / (2e11 + dy)⌋
    expect(staked.events).toEqual([
      { section: 'balances', method: 'Withdraw', data: [alice, 10_000_000_000] },
      { section: 'subtensorModule', method: 'StakeAdded', data: [alice, hot, 10_000_000_000, 38_076_968_352, 1, 5_035_477] },
    ]);
    expect(fx.free(alice)).toBe(990n * TAO);
    expect(fx.issuance()).toBe(990n * TAO); // staked TAO leaves pallet_balances
    expect(fx.read('SubnetTAO', [1])).toBe(209_994_964_523n);
    expect(fx.read('SubnetAlphaIn', [1])).toBe(761_923_031_648n);
    expect(fx.read('SubnetAlphaOut', [1])).toBe(38_076_968_352n);
    expect(fx.read('TotalStake')).toBe(10n * TAO);
    expect(fx.read('TotalIssuance')).toBe(5_000n * TAO - 5_035_477n); // no block author: the fee is burned
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(38_076_968_352n);
    expect(fx.read('TotalHotkeyAlpha', [hot, 1])).toBe(38_076_968_352n);
    expect(fx.s.get('SubtensorModule', 'StakingHotkeys', [alice])!.toJSON()).toEqual([hot]);

    fx.nextBlock();
    const unstaked = fx.dispatch(alice, 'removeStake', hot, 1, 38_076_968_352n);
    expect(unstaked.ok).toBe(true);
    // fee 19_173_570 alpha; dx = 38_057_794_782; tao = ⌊209_994_964_523·dx / (761_923_031_648 + dx)⌋
    expect(unstaked.events).toEqual([
      { section: 'subtensorModule', method: 'StakeRemoved', data: [alice, hot, 9_990_171_015, 38_076_968_352, 1, 19_173_570] },
      { section: 'balances', method: 'Deposit', data: [alice, 9_990_171_015] },
    ]);
    expect(fx.free(alice)).toBe(999_990_171_015n);
    expect(fx.issuance()).toBe(999_990_171_015n);
    expect(fx.read('SubnetTAO', [1])).toBe(200_004_793_508n);
    expect(fx.read('SubnetAlphaIn', [1])).toBe(799_980_826_430n);
    // The alpha fee never re-enters the pool: it stays counted as outstanding.
    expect(fx.read('SubnetAlphaOut', [1])).toBe(19_173_570n);
    expect(fx.read('TotalStake')).toBe(9_828_985n);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(0n);
    expect(fx.read('TotalHotkeyAlpha', [hot, 1])).toBe(0n);
  });

  it('unstakes everything when asked for more than the stake', () => {
    fx.dispatch(alice, 'addStake', hot, 1, 10n * TAO);
    fx.nextBlock();
    const r = fx.dispatch(alice, 'removeStake', hot, 1, 10n ** 15n);
    expect(r.ok).toBe(true);
    expect(r.events[0]).toEqual({
      section: 'subtensorModule',
      method: 'StakeRemoved',
      data: [alice, hot, 9_990_171_015, 38_076_968_352, 1, 19_173_570],
    });
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(0n);
  });

  it('keeps the existential deposit when staking the whole balance', () => {
    const dave = fx.address('//Dave');
    fx.setBalance(dave, 20n * TAO);
    const r = fx.dispatch(dave, 'addStake', hot, 1, 20n * TAO);
    expect(r.ok).toBe(true);
    expect(r.events[0]).toEqual({ section: 'balances', method: 'Withdraw', data: [dave, 19_999_999_500] });
    expect((r.events[1]!.data as number[])[2]).toBe(19_999_999_500);
    expect(fx.free(dave)).toBe(500n);
  });

  it('stakes 1:1 without a fee on root and stable subnets', () => {
    fx.addSubnet({ netuid: 0, owner: alice, tao: 0n, alpha: 0n, mechanism: 0 });
    fx.addSubnet({ netuid: 2, owner: alice, tao: 0n, alpha: 0n, mechanism: 0 });
    for (const netuid of [0, 2]) {
      const r = fx.dispatch(alice, 'addStake', hot, netuid, 10n * TAO);
      expect(r.events[1]).toEqual({ section: 'subtensorModule', method: 'StakeAdded', data: [alice, hot, 10_000_000_000, 10_000_000_000, netuid, 0] });
      expect(fx.read('SubnetTAO', [netuid])).toBe(10n * TAO);
      expect(fx.read('SubnetAlphaIn', [netuid])).toBe(0n);
      expect(fx.read('SubnetAlphaOut', [netuid])).toBe(10n * TAO);
    }
    fx.nextBlock();
    const r = fx.dispatch(alice, 'removeStake', hot, 0, 4n * TAO);
    expect(r.events).toEqual([
      { section: 'subtensorModule', method: 'StakeRemoved', data: [alice, hot, 4_000_000_000, 4_000_000_000, 0, 0] },
      { section: 'balances', method: 'Deposit', data: [alice, 4_000_000_000] },
    ]);
    expect(fx.read('SubnetTAO', [0])).toBe(6n * TAO);
    expect(fx.read('SubnetAlphaOut', [0])).toBe(6n * TAO);
    expect(fx.read('TotalStake')).toBe(16n * TAO);
    expect(fx.free(alice)).toBe(984n * TAO);
  });
});
