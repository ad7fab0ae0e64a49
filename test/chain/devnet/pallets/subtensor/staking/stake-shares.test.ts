import { increaseHotkeyAlpha, stakeOf, stakersOf } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';
import { PoolFixture } from './pool-fixture';

const TAO = 1_000_000_000n;

describe('stake shares of two coldkeys on one hotkey', () => {
  it('splits the hotkey alpha by shares, emission raising both, and settles each exactly', async () => {
    const fx = await PoolFixture.create();
    const alice = fx.address('//Alice');
    const bob = fx.address('//Bob');
    const hot = fx.address('//Hot1');
    fx.setBalance(alice, 1_000n * TAO);
    fx.setBalance(bob, 1_000n * TAO);
    fx.ownHotkey(hot, alice);
    fx.addSubnet({ netuid: 1, owner: alice, tao: 200n * TAO, alpha: 800n * TAO });

    expect(fx.dispatch(alice, 'addStake', hot, 1, 10n * TAO).ok).toBe(true);
    // Bob buys after Alice moved the price: dy = 9_994_964_523 into 209_994_964_523 / 761_923_031_648.
    const bobStake = fx.dispatch(bob, 'addStake', hot, 1, 10n * TAO);
    expect((bobStake.events[1]!.data as number[])[3]).toBe(34_617_010_440);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(38_076_968_352n);
    expect(stakeOf(fx.s, hot, bob, 1)).toBe(34_617_010_440n);
    expect(fx.read('TotalHotkeyAlpha', [hot, 1])).toBe(72_693_978_792n);
    expect(fx.read('SubnetAlphaOut', [1])).toBe(72_693_978_792n);

    // One alpha of emission to the hotkey: each share is worth 73_693_978_792 / 72_693_978_792 more.
    increaseHotkeyAlpha(fx.s, hot, 1, TAO);
    fx.s.set('SubtensorModule', 'SubnetAlphaOut', [1], 73_693_978_792n);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(38_600_766_457n);
    expect(stakeOf(fx.s, hot, bob, 1)).toBe(35_093_212_334n);
    const byAccount = (a: [string, bigint], b: [string, bigint]) => a[0].localeCompare(b[0]);
    expect(stakersOf(fx.s, hot, 1).sort(byAccount)).toEqual(
      ([[alice, 38_600_766_457n], [bob, 35_093_212_334n]] as [string, bigint][]).sort(byAccount),
    );

    fx.nextBlock();
    const out = fx.dispatch(alice, 'removeStake', hot, 1, 38_600_766_457n);
    expect(out.events[0]!.data).toEqual([alice, hot, 11_081_921_974, 38_600_766_457, 1, 19_437_328]);
    expect(stakeOf(fx.s, hot, alice, 1)).toBe(0n);
    // Alice's rounding dust stays with the remaining shares.
    expect(stakeOf(fx.s, hot, bob, 1)).toBe(35_093_212_335n);
    expect(fx.read('TotalHotkeyAlpha', [hot, 1])).toBe(35_093_212_335n);
    expect(fx.free(bob)).toBe(990n * TAO);
  });
});
