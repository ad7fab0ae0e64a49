import { stakeOf } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';
import { PoolFixture } from './pool-fixture';

const TAO = 1_000_000_000n;
const P = 'SubtensorModule';
/** What Alice's 10 TAO buy from a 200 TAO / 800 alpha pool. */
const BOUGHT = 38_076_968_352n;

describe('recycle_alpha / burn_alpha', () => {
  let fx: PoolFixture;
  let alice: string;
  let hot: string;

  beforeEach(async () => {
    fx = await PoolFixture.create();
    alice = fx.address('//Alice');
    hot = fx.address('//Hot1');
    fx.setBalance(alice, 1_000n * TAO);
    fx.ownHotkey(hot, alice);
    fx.addSubnet({ netuid: 1, owner: alice, tao: 200n * TAO, alpha: 800n * TAO });
    expect(fx.dispatch(alice, 'addStake', hot, 1, 10n * TAO).ok).toBe(true);
    expect(fx.read('SubnetAlphaOut', [1])).toBe(BOUGHT);
  });

  it('recycle takes the alpha out of SubnetAlphaOut by exactly the amount', () => {
    const r = fx.dispatch(alice, 'recycleAlpha', hot, 10n * TAO, 1);
    expect(r.ok).toBe(true);
    expect(r.events).toEqual([{ section: 'subtensorModule', method: 'AlphaRecycled', data: [alice, hot, 10_000_000_000, 1] }]);
    expect(fx.read('SubnetAlphaOut', [1])).toBe(BOUGHT - 10n * TAO);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(BOUGHT - 10n * TAO);
    expect(fx.read('TotalHotkeyAlpha', [hot, 1])).toBe(BOUGHT - 10n * TAO);
    // The pool is untouched.
    expect(fx.read('SubnetAlphaIn', [1])).toBe(761_923_031_648n);
    expect(fx.read('SubnetTAO', [1])).toBe(209_994_964_523n);
  });

  it('burn takes the stake but leaves SubnetAlphaOut, as subtensor does', () => {
    const r = fx.dispatch(alice, 'burnAlpha', hot, 10n * TAO, 1);
    expect(r.ok).toBe(true);
    expect(r.events).toEqual([{ section: 'subtensorModule', method: 'AlphaBurned', data: [alice, hot, 10_000_000_000, 1] }]);
    expect(fx.read('SubnetAlphaOut', [1])).toBe(BOUGHT);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(BOUGHT - 10n * TAO);
    expect(fx.read('TotalHotkeyAlpha', [hot, 1])).toBe(BOUGHT - 10n * TAO);
  });

  it('caps the amount at the coldkey stake', () => {
    const r = fx.dispatch(alice, 'recycleAlpha', hot, BOUGHT + 5n, 1);
    expect(r.events[0]!.data).toEqual([alice, hot, 38_076_968_352, 1]);
    expect(fx.read('SubnetAlphaOut', [1])).toBe(0n);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(0n);
  });

  it('fails with subtensor errors, in order', () => {
    const err = (method: string, ...args: unknown[]) => fx.dispatch(alice, method, ...args).error;
    for (const method of ['recycleAlpha', 'burnAlpha']) {
      expect(err(method, hot, TAO, 99)).toBe('subtensorModule.SubnetNotExists');
      fx.addSubnet({ netuid: 0, owner: alice, tao: 0n, alpha: 0n, mechanism: 0 });
      expect(err(method, hot, TAO, 0)).toBe('subtensorModule.CannotBurnOrRecycleOnRootSubnet');
      fx.s.set(P, 'SubtokenEnabled', [1], false);
      expect(err(method, hot, TAO, 1)).toBe('subtensorModule.SubtokenDisabled');
      fx.s.set(P, 'SubtokenEnabled', [1], true);
      expect(err(method, fx.address('//Stranger'), TAO, 1)).toBe('subtensorModule.HotKeyAccountNotExists');
      fx.s.set(P, 'SubnetAlphaOut', [1], TAO - 1n);
      expect(err(method, hot, TAO, 1)).toBe('subtensorModule.InsufficientLiquidity');
      fx.s.set(P, 'SubnetAlphaOut', [1], BOUGHT);
    }
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(BOUGHT);
  });
});
