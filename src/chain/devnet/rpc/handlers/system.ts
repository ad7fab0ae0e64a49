import { hexToU8a, u8aConcat } from '@polkadot/util';
import { base58Encode, blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { Hex } from '../backend';
import { callMethod, withAliases, type MethodEntries } from '../method';
import { required } from '../params';

/** `system_*`: node identity and a single-node, never-syncing network. */

/** An SS58 address or 0x-hex of a 32-byte account id (AccountId32); passed to the backend unchanged. */
const accountIdSchema = z.string({ error: 'expected an SS58 address or a 0x-prefixed 32-byte account id' }).refine(
  (value) => {
    try {
      return decodeAddress(value).length === 32;
    } catch {
      return false;
    }
  },
  { error: 'expected an SS58 address or a 0x-prefixed 32-byte account id' },
);

/**
 * A libp2p peer id in Substrate's format (identity multihash of a protobuf ed25519 key, base58),
 * derived from the genesis hash so it is stable for a chain.
 */
export function devPeerId(genesisHash: Hex): string {
  const protobufEd25519Prefix = new Uint8Array([0x00, 0x24, 0x08, 0x01, 0x12, 0x20]);
  return base58Encode(u8aConcat(protobufEd25519Prefix, blake2AsU8a(hexToU8a(genesisHash), 256)));
}

export const systemMethods: MethodEntries = [
  ['system_chain', callMethod([], (_args, { backend }) => backend.chainName)],
  ['system_name', callMethod([], (_args, { backend }) => backend.nodeName)],
  ['system_version', callMethod([], (_args, { backend }) => backend.nodeVersion)],
  ['system_properties', callMethod([], (_args, { backend }) => backend.properties)],
  ['system_chainType', callMethod([], () => 'Development')],
  ['system_health', callMethod([], () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }))],
  ['system_peers', callMethod([], () => [])],
  ['system_localPeerId', callMethod([], (_args, { backend }) => devPeerId(backend.genesisHash))],
  ['system_localListenAddresses', callMethod([], () => [])],
  ['system_nodeRoles', callMethod([], () => ['Authority'])],
  [
    'system_syncState',
    callMethod([], (_args, { backend }) => {
      const best = backend.bestBlock().number;
      return { startingBlock: 0, currentBlock: best, highestBlock: best };
    }),
  ],
  ...withAliases(
    ['system_accountNextIndex', 'account_nextIndex'],
    callMethod([required('accountId', accountIdSchema)], ([account], { backend }) => backend.accountNextIndex(account)),
  ),
];
