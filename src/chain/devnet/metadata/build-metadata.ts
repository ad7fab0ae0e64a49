import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import type { Hex, RuntimeVersionView } from '../rpc/backend';
import type { MetadataV16Json } from './metadata-json';
import subtensorMetadata from './subtensor-metadata.json';

/** `RuntimeMetadataPrefixed` magic number: "meta" read as a little-endian u32. */
const META_MAGIC = 0x6174656d;

export const CHAIN_PROPERTIES = { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' } as const;

export interface DevnetMetadata {
  readonly json: MetadataV16Json;
  readonly metadata: Metadata;
  readonly registry: TypeRegistry;
  /** SCALE `RuntimeMetadataPrefixed`, as `state_getMetadata` returns it. */
  readonly hex: Hex;
  /** `Pallet.call` names dropped from this metadata to act as an older runtime (see omit-calls). */
  readonly omittedCalls?: ReadonlySet<string>;
}

export function devnetMetadataJson(): MetadataV16Json {
  return structuredClone(subtensorMetadata as unknown as MetadataV16Json);
}

/**
 * Builds the metadata the dev chain serves from the copied subtensor facts, with the
 * `System.Version` constant re-encoded to the dev chain's own runtime version.
 */
export function buildDevnetMetadata(version: RuntimeVersionView, json = devnetMetadataJson()): DevnetMetadata {
  const registry = new TypeRegistry();
  const versionConst = json.pallets.find((p) => p.name === 'System')?.constants.find((c) => c.name === 'Version');
  if (versionConst) {
    versionConst.value = registry
      .createType('RuntimeVersion', {
        ...version,
        apis: version.apis.map(([id, v]) => [id, v]),
        stateVersion: version.systemVersion,
      })
      .toHex();
  }
  const metadata = new Metadata(registry, { magicNumber: META_MAGIC, metadata: { v16: json } } as never);
  const hex = u8aToHex(metadata.toU8a()) as Hex;
  // Re-decode so the registry holds exactly what clients will see.
  const decoded = new Metadata(registry, hex);
  registry.setMetadata(decoded, undefined, undefined, true);
  registry.setChainProperties(
    registry.createType('ChainProperties', CHAIN_PROPERTIES) as unknown as Parameters<TypeRegistry['setChainProperties']>[0],
  );
  return { json, metadata: decoded, registry, hex };
}
