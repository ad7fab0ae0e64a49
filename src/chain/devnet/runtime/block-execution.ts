import type { Call, Extrinsic } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import type { DevnetMetadata } from '../metadata/build-metadata';
import type { StateReader } from '../state/state-overlay';
import { StateOverlay } from '../state/state-overlay';
import { TypedStorage } from '../state/typed-storage';
import type { CallContext, PalletRuntime, RuntimeContext } from './call-context';
import type { CallTable } from './call-table';
import { DispatchFailure, type DispatchErrorValue } from './dispatch-error';
import { EventLog, type Phase } from './event-log';
import type { ModuleErrors } from './module-errors';
import { NONE, signed, type Origin } from './origin';
import { chargeFee, feeOf } from './fees';
import { incrementNonce } from './accounts';
import { accountIdOf } from './multi-address';

export interface RuntimeParts {
  readonly md: DevnetMetadata;
  readonly pallets: readonly PalletRuntime[];
  readonly calls: CallTable;
  readonly errors: ModuleErrors;
}

export type ApplyOutcome = { ok: true } | { ok: false; error: DispatchErrorValue };

/** Nominal weights reported in `DispatchEventInfo`; the dev chain does not meter execution. */
const CALL_WEIGHT = { refTime: 100_000_000n, proofSize: 4_096n };

/**
 * One block being built: the state overlay, its events, and the apply/dispatch rules of
 * Substrate's executive (nonce bump and fee before dispatch; a failed call keeps both but
 * loses its own changes; `ExtrinsicSuccess`/`ExtrinsicFailed` after each extrinsic).
 */
export class BlockExecution {
  readonly overlay: StateOverlay;
  readonly storage: TypedStorage;
  readonly events: EventLog;
  private phase: Phase = 'initialization';
  private extrinsicIndex = 0;

  constructor(
    private readonly parts: RuntimeParts,
    base: StateReader,
    readonly blockNumber: number,
    readonly timestamp: number,
  ) {
    this.overlay = new StateOverlay(base);
    this.storage = new TypedStorage(parts.md, this.overlay);
    this.events = new EventLog(parts.md);
  }

  runtimeContext(): RuntimeContext {
    return {
      md: this.parts.md,
      storage: this.storage,
      blockNumber: this.blockNumber,
      timestamp: this.timestamp,
      emit: (pallet, event, fields) => this.events.emit(this.phase, pallet, event, fields),
      error: (pallet, name) => this.parts.errors.failure(pallet, name),
    };
  }

  /** Runs every pallet's `onInitialize`, in runtime order. */
  initialize(): void {
    this.phase = 'initialization';
    for (const p of this.parts.pallets) p.onInitialize?.(this.runtimeContext());
  }

  finalize(): void {
    this.phase = 'finalization';
    for (const p of this.parts.pallets) p.onFinalize?.(this.runtimeContext());
  }

  /** Applies an already validated extrinsic. Fee and nonce are charged even when the call fails. */
  applyExtrinsic(ext: Extrinsic, encodedLength: number): ApplyOutcome {
    this.phase = { applyExtrinsic: this.extrinsicIndex++ };
    const resolved = this.parts.calls.resolve(ext.method as unknown as Call);
    if (!resolved) throw new Error(`call ${ext.method.section}.${ext.method.method} has no implementation`);
    const paysFee = resolved.definition.paysFee !== false;
    const ctx = this.runtimeContext();
    let origin: Origin = NONE;
    let fee = 0n;
    if (ext.isSigned) {
      const who = accountIdOf(ext.signer)!;
      origin = signed(who);
      incrementNonce(this.storage, who);
      if (paysFee) {
        fee = feeOf(encodedLength) + ext.tip.toBigInt();
        chargeFee(ctx, who, fee);
      }
    }
    const outcome = this.dispatch(ext.method as unknown as Call, origin);
    if (ext.isSigned && paysFee) {
      ctx.emit('TransactionPayment', 'TransactionFeePaid', [(origin as { who: string }).who, fee, ext.tip.toBigInt()]);
    }
    const info = {
      weight: CALL_WEIGHT,
      class: resolved.definition.dispatchClass ?? (ext.isSigned ? 'Normal' : 'Mandatory'),
      paysFee: paysFee ? 'Yes' : 'No',
    };
    if (outcome.ok) ctx.emit('System', 'ExtrinsicSuccess', [info]);
    else ctx.emit('System', 'ExtrinsicFailed', [outcome.error, info]);
    return outcome;
  }

  /** Dispatches a call in its own storage transaction. */
  dispatch(call: Call, origin: Origin): ApplyOutcome {
    const resolved = this.parts.calls.resolve(call);
    if (!resolved) return { ok: false, error: 'CannotLookup' };
    const base = this.runtimeContext();
    const ctx: CallContext = {
      ...base,
      origin,
      dispatch: (inner, innerOrigin) => this.dispatch(inner, innerOrigin),
    };
    const args: Record<string, Codec> = Object.fromEntries(call.argsEntries);
    const eventMark = this.events.count;
    try {
      this.overlay.transaction(() => resolved.definition.handler(ctx, args));
      return { ok: true };
    } catch (e) {
      this.events.truncate(eventMark);
      if (e instanceof DispatchFailure) return { ok: false, error: e.error };
      throw e;
    }
  }
}
