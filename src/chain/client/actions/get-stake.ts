import type { ChainClient } from '../client';
import type { UnsupportedByNodeError } from '../errors';
import { storage, toBigInt } from '../storage';
import { checkAddress, checkNetuid } from './shared';

export interface GetStakeParameters {
  readonly hotkey: string;
  readonly coldkey: string;
  readonly netuid: number;
  /** Read at this block (default: the best block). */
  readonly at?: string;
}

export interface GetStakeReturnType {
  /** Alpha (in rao) the coldkey holds through the hotkey on the subnet. */
  readonly stake: bigint;
  /** All alpha staked to the hotkey on the subnet (`TotalHotkeyAlpha`). */
  readonly hotkeyTotal: bigint;
}

export type GetStakeErrorType = UnsupportedByNodeError;

/** FixedU128 storage (`{ bits }`) as its raw bits. */
function fixedBits(c: unknown): bigint {
  const v = c as { bits?: { toString(): string }; toString(): string } | null;
  if (!v) return 0n;
  return BigInt((v.bits ?? v).toString());
}

/**
 * The coldkey's alpha stake on a hotkey: its `Alpha` shares × `TotalHotkeyAlpha` /
 * `TotalHotkeyShares`, the way subtensor values shares (all read in one batch).
 */
export async function getStake(client: ChainClient, parameters: GetStakeParameters): Promise<GetStakeReturnType> {
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const coldkey = checkAddress('coldkey', parameters.coldkey);
  const netuid = checkNetuid(parameters.netuid);
  const api = parameters.at ? await client.api.at(parameters.at) : client.api;
  const [shares, totalShares, totalAlpha] = await Promise.all([
    storage(api, 'subtensorModule', 'Alpha')(hotkey, coldkey, netuid),
    storage(api, 'subtensorModule', 'TotalHotkeyShares')(hotkey, netuid),
    storage(api, 'subtensorModule', 'TotalHotkeyAlpha')(hotkey, netuid),
  ]);
  const hotkeyTotal = toBigInt(totalAlpha);
  const total = fixedBits(totalShares);
  const mine = fixedBits(shares);
  return { stake: total === 0n ? 0n : (mine * hotkeyTotal) / total, hotkeyTotal };
}
