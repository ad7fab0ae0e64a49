import { Keyring } from '@polkadot/keyring';
import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { expandMetadata } from '@polkadot/types/metadata';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { buildDevnetMetadata, devnetMetadataJson, type DevnetMetadata } from '../../../../../../src/chain/devnet/metadata/build-metadata';
import { devnetRuntimeVersion } from '../../../../../../src/chain/devnet/runtime/runtime-version';
import type { CallContext, RuntimeContext } from '../../../../../../src/chain/devnet/runtime/call-context';
import { CallTable } from '../../../../../../src/chain/devnet/runtime/call-table';
import { DispatchFailure } from '../../../../../../src/chain/devnet/runtime/dispatch-error';
import { ModuleErrors } from '../../../../../../src/chain/devnet/runtime/module-errors';
import { signed, type Origin } from '../../../../../../src/chain/devnet/runtime/origin';
import { StateOverlay } from '../../../../../../src/chain/devnet/state/state-overlay';
import { TypedStorage } from '../../../../../../src/chain/devnet/state/typed-storage';
import { SUBTENSOR_AREAS } from '../../../../../../src/chain/devnet/pallets/subtensor/areas';
import { subtensorPallet } from '../../../../../../src/chain/devnet/pallets/subtensor';
import { addStakeAlpha } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';

/**
 * A SubtensorModule test bench without a node: storage over an empty state, calls dispatched
 * to the area handlers with arguments decoded exactly as the chain decodes them, each in its
 * own storage transaction (rolled back when it fails), and the events they emit. Fixtures are
 * written straight into storage, so these tests do not depend on registration or staking.
 */
const P = 'SubtensorModule';

export interface EmittedEvent {
  readonly pallet: string;
  readonly event: string;
  readonly fields: readonly unknown[];
}

export type Outcome = { ok: true } | { ok: false; error: string };

let mdPromise: Promise<DevnetMetadata> | null = null;

async function metadata(): Promise<DevnetMetadata> {
  mdPromise ??= cryptoWaitReady().then(() => {
    const json = devnetMetadataJson();
    return buildDevnetMetadata(devnetRuntimeVersion(json), json);
  });
  return mdPromise;
}

export const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

/** A dev account's SS58 address (sr25519 from `//name`). */
export function addr(name: string): string {
  return keyring.addFromUri(`//${name}`).address;
}

export class Bench {
  readonly overlay = new StateOverlay({ get: () => undefined, keysWithPrefix: () => [] });
  readonly storage: TypedStorage;
  readonly events: EmittedEvent[] = [];
  block = 1;
  private readonly errors: ModuleErrors;
  private readonly calls: CallTable;
  private readonly tx: ReturnType<typeof expandMetadata>['tx'];

  constructor(readonly md: DevnetMetadata) {
    this.storage = new TypedStorage(md, this.overlay);
    this.errors = new ModuleErrors(md);
    this.tx = expandMetadata(md.registry, md.metadata).tx;
    this.calls = new CallTable(md, [subtensorPallet(SUBTENSOR_AREAS)], { allowMissing: true });
  }

  static async create(): Promise<Bench> {
    return new Bench(await metadata());
  }

  context(): RuntimeContext {
    return {
      md: this.md,
      storage: this.storage,
      blockNumber: this.block,
      timestamp: 0,
      emit: (pallet, event, fields) => void this.events.push({ pallet, event, fields }),
      error: (pallet, name) => this.errors.failure(pallet, name),
    };
  }

  /**
   * Dispatches `SubtensorModule.<method>` (polkadot.js camelCase name, e.g. `setWeights`) as
   * `who` (an SS58 address) or a bare origin, returning `SubtensorModule.Error` on failure.
   */
  dispatch(who: string | Origin, method: string, ...args: unknown[]): Outcome {
    const build = this.tx.subtensorModule?.[method] as unknown as ((...a: unknown[]) => unknown) | undefined;
    if (!build) throw new Error(`no call subtensorModule.${method}`);
    const call = this.md.registry.createType('Call', build(...args)) as unknown as Call;
    const def = this.calls.resolve(call)?.definition;
    if (!def) throw new Error(`subtensorModule.${method} has no implementation`);
    const ctx: CallContext = {
      ...this.context(),
      origin: typeof who === 'string' ? signed(who) : who,
      dispatch: () => {
        throw new Error('nested dispatch is not part of the bench');
      },
    };
    const argMap: Record<string, Codec> = Object.fromEntries(call.argsEntries);
    const before = this.events.length;
    try {
      this.overlay.transaction(() => def.handler(ctx, argMap));
      return { ok: true };
    } catch (e) {
      if (!(e instanceof DispatchFailure)) throw e;
      this.events.length = before;
      return { ok: false, error: e.label };
    }
  }

  /** Storage as plain JSON (null for an absent Optional item). */
  read(item: string, keys: unknown[] = []): unknown {
    return this.storage.get(P, item, keys)?.toJSON() ?? null;
  }

  write(item: string, keys: unknown[], value: unknown): void {
    this.storage.set(P, item, keys, value);
  }

  /** A subnet with an owner (coldkey and hotkey, the hotkey not registered yet). */
  addSubnet(netuid: number, opts: { owner?: string; ownerHotkey?: string; tempo?: number; commitReveal?: boolean } = {}): void {
    this.write('NetworksAdded', [netuid], true);
    this.write('SubnetworkN', [netuid], 0);
    this.write('SubnetOwner', [netuid], opts.owner ?? addr('Alice'));
    this.write('SubnetOwnerHotkey', [netuid], opts.ownerHotkey ?? addr('OwnerHot'));
    this.write('NetworkRegistrationAllowed', [netuid], true);
    if (opts.tempo !== undefined) this.write('Tempo', [netuid], opts.tempo);
    this.write('CommitRevealWeightsEnabled', [netuid], opts.commitReveal ?? false);
  }

  /** Registers `hotkey` (owned by `coldkey`) at the next uid, as `append_neuron` does, with `stake` alpha. */
  addNeuron(netuid: number, hotkey: string, opts: { coldkey?: string; stake?: bigint; registeredAt?: number; permit?: boolean } = {}): number {
    const uid = Number(this.read('SubnetworkN', [netuid]));
    const coldkey = opts.coldkey ?? addr('Coldkey');
    this.write('SubnetworkN', [netuid], uid + 1);
    this.write('Keys', [netuid, uid], hotkey);
    this.write('Uids', [netuid, hotkey], uid);
    this.write('BlockAtRegistration', [netuid, uid], opts.registeredAt ?? 0);
    this.write('Owner', [hotkey], coldkey);
    const grow = (item: string, value: unknown) => this.write(item, [netuid], [...(this.read(item, [netuid]) as unknown[]), value]);
    grow('LastUpdate', 0);
    grow('ValidatorPermit', opts.permit ?? false);
    grow('Active', true);
    if (opts.stake) addStakeAlpha(this.storage, hotkey, coldkey, netuid, opts.stake);
    return uid;
  }
}
