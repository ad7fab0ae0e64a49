import type { TypedStorage } from '../../state/typed-storage';
import { big } from './subnet-state';

/**
 * Subtensor's share-based stake accounting: a hotkey's alpha on a subnet
 * (`TotalHotkeyAlpha`) is owned by its stakers in proportion to their shares (`Alpha`,
 * FixedU128 bits over `TotalHotkeyShares`). Emission credited to the hotkey raises the
 * value of every share; staking buys shares at the current value.
 */
const P = 'SubtensorModule';
const FRAC = 64n;

function shares(s: TypedStorage, hotkey: string, coldkey: string, netuid: number): bigint {
  return bits(s.get(P, 'Alpha', [hotkey, coldkey, netuid]));
}

function totalShares(s: TypedStorage, hotkey: string, netuid: number): bigint {
  return bits(s.get(P, 'TotalHotkeyShares', [hotkey, netuid]));
}

function bits(c: unknown): bigint {
  const v = c as { bits?: { toBigInt(): bigint } } | null;
  return v?.bits ? v.bits.toBigInt() : 0n;
}

export function totalHotkeyAlpha(s: TypedStorage, hotkey: string, netuid: number): bigint {
  return big(s.get(P, 'TotalHotkeyAlpha', [hotkey, netuid]));
}

/** Alpha (rao) that `coldkey` holds through `hotkey` on `netuid`. */
export function stakeOf(s: TypedStorage, hotkey: string, coldkey: string, netuid: number): bigint {
  const total = totalShares(s, hotkey, netuid);
  if (total === 0n) return 0n;
  return (shares(s, hotkey, coldkey, netuid) * totalHotkeyAlpha(s, hotkey, netuid)) / total;
}

/** Every (coldkey, alpha) staked to `hotkey` on `netuid`, from the `Alpha` map. */
export function stakersOf(s: TypedStorage, hotkey: string, netuid: number): [string, bigint][] {
  return s
    .entries(P, 'Alpha', [hotkey])
    .filter(([keys]) => Number(keys[2]!.toString()) === netuid)
    .map(([keys]) => [keys[1]!.toString(), stakeOf(s, hotkey, keys[1]!.toString(), netuid)] as [string, bigint])
    .filter(([, a]) => a > 0n);
}

/** Credits `alpha` to `coldkey`'s stake on `hotkey`, buying shares at the current share value. */
export function addStakeAlpha(s: TypedStorage, hotkey: string, coldkey: string, netuid: number, alpha: bigint): void {
  if (alpha <= 0n) return;
  const totalAlpha = totalHotkeyAlpha(s, hotkey, netuid);
  const total = totalShares(s, hotkey, netuid);
  const newShares = total === 0n || totalAlpha === 0n ? alpha << FRAC : (alpha * total) / totalAlpha;
  s.set(P, 'Alpha', [hotkey, coldkey, netuid], { bits: shares(s, hotkey, coldkey, netuid) + newShares });
  s.set(P, 'TotalHotkeyShares', [hotkey, netuid], { bits: (total === 0n || totalAlpha === 0n ? 0n : total) + newShares });
  s.set(P, 'TotalHotkeyAlpha', [hotkey, netuid], totalAlpha + alpha);
  const staking = (s.get(P, 'StakingHotkeys', [coldkey])!.toJSON() as string[]).map(String);
  if (!staking.includes(hotkey)) s.set(P, 'StakingHotkeys', [coldkey], [...staking, hotkey]);
}

/**
 * Debits `alpha` from `coldkey`'s stake on `hotkey`; the caller must have checked that the
 * stake covers it. Returns false (changing nothing) when it does not.
 */
export function removeStakeAlpha(s: TypedStorage, hotkey: string, coldkey: string, netuid: number, alpha: bigint): boolean {
  if (alpha <= 0n) return true;
  const have = stakeOf(s, hotkey, coldkey, netuid);
  if (have < alpha) return false;
  const totalAlpha = totalHotkeyAlpha(s, hotkey, netuid);
  const total = totalShares(s, hotkey, netuid);
  const mine = shares(s, hotkey, coldkey, netuid);
  // Removing everything clears the shares exactly, so no dust shares are left behind.
  const burnedShares = alpha === have ? mine : (alpha * total + totalAlpha - 1n) / totalAlpha;
  const left = mine - burnedShares;
  if (left > 0n) s.set(P, 'Alpha', [hotkey, coldkey, netuid], { bits: left });
  else s.remove(P, 'Alpha', [hotkey, coldkey, netuid]);
  s.set(P, 'TotalHotkeyShares', [hotkey, netuid], { bits: total - burnedShares });
  s.set(P, 'TotalHotkeyAlpha', [hotkey, netuid], totalAlpha - alpha);
  return true;
}

/** Emission credited to a hotkey: raises the value of all its stakers' shares. */
export function increaseHotkeyAlpha(s: TypedStorage, hotkey: string, netuid: number, alpha: bigint): void {
  if (alpha <= 0n) return;
  s.set(P, 'TotalHotkeyAlpha', [hotkey, netuid], totalHotkeyAlpha(s, hotkey, netuid) + alpha);
}
