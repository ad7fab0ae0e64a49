import type { Codec } from '@polkadot/types/types';
import type { ChainClient } from './client';

/** `SubnetOwner[netuid]`: the coldkey that owns the subnet (the all-zero account when none). */
export async function subnetOwner(client: ChainClient, netuid: number): Promise<string> {
  return ((await client.api.query.subtensorModule!.subnetOwner!(netuid)) as Codec).toString();
}

/** `SubnetOwnerHotkey[netuid]`: the owner's hotkey (the all-zero account when none). */
export async function subnetOwnerHotkey(client: ChainClient, netuid: number): Promise<string> {
  return ((await client.api.query.subtensorModule!.subnetOwnerHotkey!(netuid)) as Codec).toString();
}
