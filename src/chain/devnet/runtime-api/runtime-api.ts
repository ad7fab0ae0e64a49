import type { Codec } from '@polkadot/types/types';
import type { DevnetMetadata } from '../metadata/build-metadata';
import type { Hex, RuntimeVersionView } from '../rpc/backend';
import type { TypedStorage } from '../state/typed-storage';

/** What a runtime API call sees: the state at the requested block, read-only in effect. */
export interface RuntimeApiContext {
  readonly md: DevnetMetadata;
  readonly storage: TypedStorage;
  readonly blockNumber: number;
  readonly runtimeVersion: RuntimeVersionView;
  readonly metadataHex: Hex;
}

/** Returns a value that the method's output type (from the metadata) encodes. */
export type RuntimeApiMethod = (ctx: RuntimeApiContext, inputs: readonly Codec[]) => unknown;

export interface RuntimeApiModule {
  /** e.g. `NeuronInfoRuntimeApi` */
  readonly name: string;
  /** By metadata method name, e.g. `get_neurons_lite`. */
  readonly methods: Readonly<Record<string, RuntimeApiMethod>>;
}
