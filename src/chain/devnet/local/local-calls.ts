import type { KeyringPair } from '@polkadot/keyring/types';
import { expandMetadata } from '@polkadot/types/metadata';
import { u8aToHex } from '@polkadot/util';
import type { Hex } from '../rpc/backend';
import type { DevnetNode } from '../node/devnet-node';

/**
 * Builds and signs calls for an in-process dev chain without a WebSocket: for benchmarks and
 * runtime unit tests that drive thousands of extrinsics. Clients use @polkadot/api instead.
 */
export interface LocalCalls {
  /** A call as polkadot.js' `api.tx.<section>.<method>(...args)` builds it. */
  call(section: string, method: string, ...args: unknown[]): unknown;
  /** Signs `call` with `signer` at `nonce` (the pool's next one when omitted), immortal era. */
  sign(signer: KeyringPair, call: unknown, nonce?: number): Hex;
}

export function localCalls(node: DevnetNode): LocalCalls {
  const registry = node.md.registry;
  const decorated = expandMetadata(registry, node.md.metadata);
  const runtimeVersion = registry.createType('RuntimeVersion', {
    specVersion: node.version.specVersion,
    transactionVersion: node.version.transactionVersion,
  });
  const era = registry.createType('ExtrinsicEra', '0x00');
  return {
    call: (section, method, ...args) => {
      const fn = decorated.tx[section]?.[method];
      if (!fn) throw new Error(`tx.${section}.${method} is not in the dev chain's metadata`);
      return (fn as unknown as (...a: unknown[]) => unknown)(...args);
    },
    sign: (signer, call, nonce) => {
      const ext = registry.createType('Extrinsic', call);
      ext.sign(signer, {
        nonce: nonce ?? node.accountNextIndex(signer.address),
        genesisHash: node.genesisHash,
        blockHash: node.genesisHash,
        era,
        runtimeVersion,
        signedExtensions: registry.signedExtensions,
      } as never);
      return u8aToHex(ext.toU8a()) as Hex;
    },
  };
}
