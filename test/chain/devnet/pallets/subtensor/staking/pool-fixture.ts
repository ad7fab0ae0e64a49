import { Keyring } from '@polkadot/keyring';
import { expandMetadata } from '@polkadot/types/metadata';
import type { Call, EventRecord } from '@polkadot/types/interfaces';
import type { Vec } from '@polkadot/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';
import { buildDevnetMetadata, devnetMetadataJson, type DevnetMetadata } from '../../../../../../src/chain/devnet/metadata/build-metadata';
import { devnetRuntimeVersion } from '../../../../../../src/chain/devnet/runtime/runtime-version';
import { devnetRuntime } from '../../../../../../src/chain/devnet/devnet-runtime';
import { BlockExecution, type RuntimeParts } from '../../../../../../src/chain/devnet/runtime/block-execution';
import { signed } from '../../../../../../src/chain/devnet/runtime/origin';
import type { StateReader } from '../../../../../../src/chain/devnet/state/state-overlay';
import type { TypedStorage } from '../../../../../../src/chain/devnet/state/typed-storage';
import { readAccount, setFreeBalance } from '../../../../../../src/chain/devnet/runtime/accounts';
import { stakingArea } from '../../../../../../src/chain/devnet/pallets/subtensor/staking';
import { big } from '../../../../../../src/chain/devnet/pallets/subtensor/subnet-state';

/**
 * The dev chain's runtime over a state the test writes directly (subnets with chosen
 * pools, owned hotkeys, balances), dispatching calls decoded from the real metadata.
 * Blocks open with the staking area's hook only, so no emission moves the pools.
 */
const EMPTY: StateReader = { get: () => undefined, keysWithPrefix: () => [] };
const P = 'SubtensorModule';

export interface Dispatched {
  readonly ok: boolean;
  readonly error?: string;
  readonly events: { section: string; method: string; data: unknown[] }[];
}

export interface SubnetSetup {
  readonly netuid: number;
  readonly owner: string;
  readonly tao: bigint;
  readonly alpha: bigint;
  readonly mechanism?: number;
  readonly subtokenEnabled?: boolean;
  readonly tempo?: number;
}

export class PoolFixture {
  private exec: BlockExecution;
  private readonly tx: ReturnType<typeof expandMetadata>['tx'];

  private constructor(
    readonly md: DevnetMetadata,
    private readonly parts: RuntimeParts,
    readonly keyring: Keyring,
  ) {
    this.exec = new BlockExecution(parts, EMPTY, 1, 0);
    this.tx = expandMetadata(md.registry, md.metadata).tx;
  }

  static async create(): Promise<PoolFixture> {
    await cryptoWaitReady();
    const json = devnetMetadataJson();
    const md = buildDevnetMetadata(devnetRuntimeVersion(json), json);
    return new PoolFixture(md, devnetRuntime(md, { allowMissing: true }), new Keyring({ type: 'sr25519', ss58Format: 42 }));
  }

  get s(): TypedStorage {
    return this.exec.storage;
  }

  get blockNumber(): number {
    return this.exec.blockNumber;
  }

  address(uri: string): string {
    return this.keyring.addFromUri(uri).address;
  }

  /** Opens the next block over this one's state. */
  nextBlock(): void {
    this.exec = new BlockExecution(this.parts, this.exec.overlay, this.exec.blockNumber + 1, 0);
    stakingArea.onInitialize?.(this.exec.runtimeContext());
  }

  setBalance(who: string, free: bigint): void {
    setFreeBalance(this.exec.runtimeContext(), who, free);
  }

  free(who: string): bigint {
    return readAccount(this.s, who).free;
  }

  read(item: string, keys: unknown[] = []): bigint {
    return big(this.s.get(P, item, keys));
  }

  issuance(): bigint {
    return big(this.s.get('Balances', 'TotalIssuance'));
  }

  addSubnet(n: SubnetSetup): void {
    const s = this.s;
    s.set(P, 'NetworksAdded', [n.netuid], true);
    s.set(P, 'SubnetMechanism', [n.netuid], n.mechanism ?? 1);
    s.set(P, 'SubtokenEnabled', [n.netuid], n.subtokenEnabled ?? true);
    s.set(P, 'SubnetOwner', [n.netuid], n.owner);
    s.set(P, 'SubnetTAO', [n.netuid], n.tao);
    s.set(P, 'SubnetAlphaIn', [n.netuid], n.alpha);
    if (n.tempo !== undefined) s.set(P, 'Tempo', [n.netuid], n.tempo);
  }

  /** Registers the hotkey's owner, which is all staking needs of a hotkey. */
  ownHotkey(hotkey: string, coldkey: string): void {
    this.s.set(P, 'Owner', [hotkey], coldkey);
  }

  call(method: string, ...args: unknown[]): Call {
    const fn = this.tx.subtensorModule?.[method];
    if (!fn) throw new Error(`tx.subtensorModule.${method} is not in the metadata`);
    return (fn as unknown as (...a: unknown[]) => Call)(...args);
  }

  /** Dispatches a SubtensorModule call signed by `who`, in its own storage transaction. */
  dispatch(who: string, method: string, ...args: unknown[]): Dispatched {
    const before = this.exec.events.count;
    const outcome = this.exec.dispatch(this.call(method, ...args), signed(who));
    const records = this.md.registry.createType('Vec<EventRecord>', this.exec.events.encode()) as unknown as Vec<EventRecord>;
    const events = records.slice(before).map((r) => ({
      section: r.event.section,
      method: r.event.method,
      data: r.event.data.toJSON() as unknown[],
    }));
    if (outcome.ok) return { ok: true, events };
    const e = outcome.error;
    if (typeof e === 'object' && 'Module' in e) {
      const meta = this.md.registry.findMetaError(new Uint8Array([e.Module.index, hexToU8a(e.Module.error)[0]!]));
      return { ok: false, error: `${meta.section}.${meta.name}`, events };
    }
    return { ok: false, error: String(typeof e === 'string' ? e : Object.keys(e)[0]), events };
  }
}
