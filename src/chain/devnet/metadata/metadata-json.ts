/**
 * The JSON shape of a v16 `RuntimeMetadata` as @polkadot/types `toJSON()` produces and
 * `createType('MetadataV16', …)` accepts. Only the parts the dev chain touches are typed.
 */
export interface TypeParamJson {
  name: string;
  type: number | null;
}
export interface FieldJson {
  name: string | null;
  type: number;
  typeName: string | null;
  docs: string[];
}
export interface VariantJson {
  name: string;
  fields: FieldJson[];
  index: number;
  docs: string[];
}
export type TypeDefJson =
  | { composite: { fields: FieldJson[] } }
  | { variant: { variants: VariantJson[] } }
  | { sequence: { type: number } }
  | { array: { len: number; type: number } }
  | { tuple: number[] }
  | { primitive: string }
  | { compact: { type: number } }
  | { bitSequence: { bitStoreType: number; bitOrderType: number } };
export interface PortableTypeJson {
  id: number;
  type: { path: string[]; params: TypeParamJson[]; def: TypeDefJson; docs: string[] };
}
export type StorageTypeJson =
  | { plain: number }
  | { map: { hashers: string[]; key: number; value: number } };
export interface StorageEntryJson {
  name: string;
  modifier: 'Optional' | 'Default';
  type: StorageTypeJson;
  fallback: string;
  docs: string[];
  deprecationInfo: unknown;
}
export interface ConstantJson {
  name: string;
  type: number;
  value: string;
  docs: string[];
  deprecationInfo: unknown;
}
export interface PalletJson {
  name: string;
  storage: { prefix: string; items: StorageEntryJson[] } | null;
  calls: { type: number; deprecationInfo: unknown } | null;
  events: { type: number; deprecationInfo: unknown } | null;
  constants: ConstantJson[];
  errors: { type: number; deprecationInfo: unknown } | null;
  associatedTypes: unknown[];
  viewFunctions: unknown[];
  index: number;
  docs: string[];
  deprecationInfo: unknown;
}
export interface RuntimeApiMethodJson {
  name: string;
  inputs: { name: string; type: number }[];
  output: number;
  docs: string[];
  deprecationInfo: unknown;
}
export interface RuntimeApiJson {
  name: string;
  methods: RuntimeApiMethodJson[];
  docs: string[];
  version: number;
  deprecationInfo: unknown;
}
export interface TransactionExtensionJson {
  identifier: string;
  type: number;
  implicit: number;
}
export interface MetadataV16Json {
  lookup: { types: PortableTypeJson[] };
  pallets: PalletJson[];
  extrinsic: {
    versions: string;
    addressType: number;
    callType: number;
    signatureType: number;
    transactionExtensionsByVersion: Record<string, number[]>;
    transactionExtensions: TransactionExtensionJson[];
  };
  apis: RuntimeApiJson[];
  outerEnums: { callType: number; eventType: number; errorType: number };
  custom: { map: Record<string, unknown> };
}
