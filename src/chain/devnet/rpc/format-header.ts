import type { BlockView, Hex, RuntimeVersionView } from './backend';

/** Substrate's JSON for headers, blocks and runtime versions, built from the node's views. */
export interface HeaderJson {
  parentHash: Hex;
  /** Hex without leading zeros, as Substrate serializes block numbers: `0x0`, `0x1a`. */
  number: Hex;
  stateRoot: Hex;
  extrinsicsRoot: Hex;
  digest: { logs: Hex[] };
}

export interface SignedBlockJson {
  block: { header: HeaderJson; extrinsics: Hex[] };
  justifications: null;
}

export interface RuntimeVersionJson {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  apis: [Hex, number][];
  transactionVersion: number;
  /** The field's name in current Substrate. */
  systemVersion: number;
  /** Its older name, which polkadot.js' `RuntimeVersion` type still reads. */
  stateVersion: number;
}

export function formatBlockNumber(number: number): Hex {
  return `0x${number.toString(16)}`;
}

export function formatHeader(block: BlockView): HeaderJson {
  return {
    parentHash: block.parentHash,
    number: formatBlockNumber(block.number),
    stateRoot: block.stateRoot,
    extrinsicsRoot: block.extrinsicsRoot,
    digest: { logs: [...block.digestLogs] },
  };
}

export function formatBlock(block: BlockView): SignedBlockJson {
  return { block: { header: formatHeader(block), extrinsics: [...block.extrinsics] }, justifications: null };
}

export function formatRuntimeVersion(version: RuntimeVersionView): RuntimeVersionJson {
  return {
    specName: version.specName,
    implName: version.implName,
    authoringVersion: version.authoringVersion,
    specVersion: version.specVersion,
    implVersion: version.implVersion,
    apis: version.apis.map(([id, apiVersion]) => [id, apiVersion]),
    transactionVersion: version.transactionVersion,
    systemVersion: version.systemVersion,
    stateVersion: version.systemVersion,
  };
}
