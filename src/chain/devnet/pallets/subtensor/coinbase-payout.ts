import type { EpochOutput } from '../../yuma';
import type { TypedStorage } from '../../state/typed-storage';
import { addStakeAlpha, increaseHotkeyAlpha } from './stake';
import { big, ownerOf } from './subnet-state';

/**
 * Pays an epoch's alpha as stake, as run_coinbase.rs `distribute_dividends_and_incentives`:
 * the owner cut to the owner's hotkey (owned by the owner coldkey); each miner's incentive to
 * its hotkey's own coldkey; each validator's dividends to its hotkey, the delegate take going
 * to the hotkey's coldkey and the rest raising every nominator's shares. The miner alpha that
 * landed on the owner's uid is burned: it leaves SubnetAlphaOut.
 */
const P = 'SubtensorModule';

/** `DefaultDelegateTake` (18%): the dev chain has no `Delegates` storage, so every hotkey takes this. */
export const DELEGATE_TAKE_U16 = 11_796;
const FRAC = 32n;

/** take · amount with the take as U96F32 (truncated), as `get_hotkey_take_float` makes it. */
export function delegateTake(amount: bigint): bigint {
  const takeBits = (BigInt(DELEGATE_TAKE_U16) << FRAC) / 65_535n;
  return (amount * takeBits) >> FRAC;
}

/** Credits alpha to `hotkey` as its coldkey's own stake (or to all its stakers when it has no owner). */
function stakeToOwner(s: TypedStorage, hotkey: string, netuid: number, amount: bigint): void {
  const coldkey = ownerOf(s, hotkey);
  if (coldkey === null) increaseHotkeyAlpha(s, hotkey, netuid, amount);
  else addStakeAlpha(s, hotkey, coldkey, netuid, amount);
}

export function payEpoch(s: TypedStorage, netuid: number, hotkeys: readonly (string | null)[], out: EpochOutput, ownerCut: bigint): void {
  if (s.has(P, 'SubnetOwner', [netuid]) && s.has(P, 'SubnetOwnerHotkey', [netuid])) {
    const coldkey = s.get(P, 'SubnetOwner', [netuid])!.toString();
    addStakeAlpha(s, s.get(P, 'SubnetOwnerHotkey', [netuid])!.toString(), coldkey, netuid, ownerCut);
  }
  hotkeys.forEach((hotkey, uid) => {
    if (hotkey === null) return;
    const incentive = out.incentiveEmission[uid] ?? 0n;
    if (incentive > 0n) stakeToOwner(s, hotkey, netuid, incentive);
    const dividends = out.dividendEmission[uid] ?? 0n;
    if (dividends > 0n) {
      const take = delegateTake(dividends);
      stakeToOwner(s, hotkey, netuid, take);
      increaseHotkeyAlpha(s, hotkey, netuid, dividends - take);
    }
  });
  if (out.withheldOwnerIncentive > 0n) {
    const alphaOut = big(s.get(P, 'SubnetAlphaOut', [netuid]));
    const burned = out.withheldOwnerIncentive < alphaOut ? out.withheldOwnerIncentive : alphaOut;
    s.set(P, 'SubnetAlphaOut', [netuid], alphaOut - burned);
  }
}
