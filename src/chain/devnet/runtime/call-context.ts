import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import type { DevnetMetadata } from '../metadata/build-metadata';
import type { TypedStorage } from '../state/typed-storage';
import type { DispatchErrorValue } from './dispatch-error';
import type { Origin } from './origin';
import type { GenesisConfig } from './genesis-config';

/** What a call or a block hook can see and do. */
export interface RuntimeContext {
  readonly md: DevnetMetadata;
  readonly storage: TypedStorage;
  /** The number of the block being built. */
  readonly blockNumber: number;
  /** Milliseconds since the Unix epoch, as `Timestamp.Now` holds it for this block. */
  readonly timestamp: number;
  emit(pallet: string, event: string, fields: readonly unknown[]): void;
  /** A `DispatchError::Module` with the pallet's error of that name, to throw. */
  error(pallet: string, name: string): Error;
}

export interface CallContext extends RuntimeContext {
  readonly origin: Origin;
  /** Dispatches another call (Sudo): its changes roll back alone when it fails. */
  dispatch(call: Call, origin: Origin): { ok: true } | { ok: false; error: DispatchErrorValue };
}

/** Call arguments by their metadata names (snake_case), as decoded codecs. */
export type CallArgs = Readonly<Record<string, Codec>>;

export type CallHandler = (ctx: CallContext, args: CallArgs) => void;

export interface CallDefinition {
  readonly handler: CallHandler;
  /** `Pays::No` calls (set_weights, serve_axon, …) charge no fee, as on subtensor. */
  readonly paysFee?: boolean;
  readonly dispatchClass?: 'Normal' | 'Operational';
  /**
   * The check subtensor's transaction extension runs before the call enters the pool
   * (`validate`): it reads state only and throws the pallet's error through `ctx.error`,
   * which the pool turns into `Invalid(Custom(n))`; the transaction is refused, no fee paid.
   */
  readonly validate?: (ctx: RuntimeContext, who: string, args: CallArgs) => void;
}

/** A pallet's calls and block hooks. */
export interface PalletRuntime {
  readonly name: string;
  readonly calls: Readonly<Record<string, CallDefinition>>;
  /** Writes the pallet's genesis state (block 0). */
  buildGenesis?(ctx: RuntimeContext, config: GenesisConfig): void;
  onInitialize?(ctx: RuntimeContext): void;
  onFinalize?(ctx: RuntimeContext): void;
}
