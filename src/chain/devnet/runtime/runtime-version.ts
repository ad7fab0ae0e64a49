import { blake2AsHex } from '@polkadot/util-crypto';
import type { Hex, RuntimeVersionView } from '../rpc/backend';
import type { MetadataV16Json } from '../metadata/metadata-json';

/**
 * The dev chain presents itself as subtensor's runtime (`node-subtensor`), so clients
 * that branch on the spec name treat it as subtensor; `implName` says what it really is.
 */
export const SPEC_NAME = 'node-subtensor';
export const IMPL_NAME = 'pog-devnet';
export const SPEC_VERSION = 423;
export const TRANSACTION_VERSION = 1;

/** The runtime version, listing exactly the runtime APIs the dev chain answers. */
export function devnetRuntimeVersion(metadata: MetadataV16Json): RuntimeVersionView {
  return {
    specName: SPEC_NAME,
    implName: IMPL_NAME,
    authoringVersion: 1,
    specVersion: SPEC_VERSION,
    implVersion: 1,
    apis: metadata.apis.map((a) => [blake2AsHex(a.name, 64) as Hex, a.version] as const),
    transactionVersion: TRANSACTION_VERSION,
    systemVersion: 1,
  };
}
