import type { Logger } from 'pino';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { Extrinsic } from '@polkadot/types/interfaces';
import type { BlockView, DevnetBackend, Hex, RuntimeVersionView, TransactionStatus, Unsubscribe } from '../rpc/backend';
import { RpcError } from '../rpc/rpc-error';
import { buildDevnetMetadata, CHAIN_PROPERTIES, devnetMetadataJson, type DevnetMetadata } from '../metadata/build-metadata';
import { omitCalls } from '../metadata/omit-calls';
import { devnetRuntimeVersion } from '../runtime/runtime-version';
import { CommittedState } from '../state/committed-state';
import type { HexKey } from '../state/hex-key';
import { StateOverlay } from '../state/state-overlay';
import { TypedStorage } from '../state/typed-storage';
import { BlockExecution } from '../runtime/block-execution';
import { validateTransaction, type ValidTransaction } from '../runtime/transaction-validity';
import { alreadyImported, tooLowPriority } from '../runtime/invalid-transaction';
import { readAccount } from '../runtime/accounts';
import { extrinsicsRoot, makeBlockView, nextStateRoot } from './block-header';
import { changesFromRecord, changesToRecord, decodeRecord, decodeSnapshot, encodeRecord, encodeSnapshot } from './block-record';
import type { ChainPersistence } from './chain-persistence';
import type { GenesisConfig } from '../runtime/genesis-config';
import { HistoricalState } from './historical-state';
import { TxPool, type PoolStatus, type TxPoolLimits } from './tx-pool';
import { BlockHistory } from './block-history';
import { DevnetDataError } from './errors';
import type { DevnetRuntime } from '../runtime/runtime-parts';
import { decodeAddress } from '@polkadot/util-crypto';
import { encodeAddress } from '@polkadot/keyring';

export interface DevnetNodeOptions {
  readonly runtime: (md: DevnetMetadata) => DevnetRuntime;
  readonly genesis: GenesisConfig;
  readonly persistence: ChainPersistence;
  readonly logger?: Logger;
  /** Milliseconds between blocks; 0 = no timer (instant or manual). */
  readonly blockTimeMs: number;
  /** Build a block as soon as a transaction arrives. */
  readonly instant: boolean;
  /** Blocks whose state stays queryable (older ones answer "discarded"). */
  readonly historyDepth?: number;
  /** A snapshot is written every this many blocks, so a restart replays at most this many records. */
  readonly snapshotEvery?: number;
  readonly now?: () => number;
  readonly pool?: TxPoolLimits;
  /**
   * Milliseconds from a block's import to its finality (default 100). Finality right at
   * import would make clients skip the InBlock status, as it would never be observed.
   */
  readonly finalityDelayMs?: number;
  /** `Pallet.call` names to leave out of the metadata and the call table (an older runtime's shape). */
  readonly omitCalls?: readonly string[];
}

const ZERO_HASH = `0x${'00'.repeat(32)}` as Hex;
/** `System.BlockHashCount` of subtensor: how far back a mortal era's birth block may be. */
const BLOCK_HASH_COUNT = 2400;

/**
 * The embedded dev chain: a Substrate-compatible node whose runtime is written in
 * TypeScript against subtensor's metadata. It implements the RPC backend interface.
 */
export class DevnetNode implements DevnetBackend {
  readonly chainName = 'pog devnet';
  readonly nodeName = 'pog-devnet';
  readonly nodeVersion = '0.1.0';
  readonly properties = CHAIN_PROPERTIES;
  readonly md: DevnetMetadata;
  readonly version: RuntimeVersionView;
  private readonly rt: DevnetRuntime;
  private readonly state: CommittedState;
  private readonly blocks: BlockHistory;
  private readonly pool: TxPool;
  private readonly headListeners = new Set<(b: BlockView) => void>();
  private readonly finalizedListeners = new Set<(b: BlockView) => void>();
  private readonly log?: Logger;
  private readonly now: () => number;
  private readonly snapshotEvery: number;
  private headTimestamp = 0;
  private timer: NodeJS.Timeout | null = null;
  private instantScheduled = false;
  private closed = false;
  private finalizedNumber = 0;
  private readonly finalityTimers = new Set<NodeJS.Timeout>();
  genesisHash: Hex = ZERO_HASH;

  constructor(private readonly options: DevnetNodeOptions) {
    const json = devnetMetadataJson();
    this.version = devnetRuntimeVersion(json);
    const omittedCalls = omitCalls(json, options.omitCalls ?? []);
    this.md = { ...buildDevnetMetadata(this.version, json), omittedCalls };
    this.rt = options.runtime(this.md);
    this.state = new CommittedState(options.historyDepth ?? 4096);
    this.blocks = new BlockHistory((options.historyDepth ?? 4096) + 1);
    this.pool = new TxPool(options.pool);
    this.log = options.logger?.child({ module: 'devnet' });
    this.now = options.now ?? Date.now;
    this.snapshotEvery = options.snapshotEvery ?? 1000;
    this.resumeOrGenesis();
  }

  /** Starts block production on the interval (if any). */
  start(): void {
    if (this.options.blockTimeMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.produceSafely(), this.options.blockTimeMs);
      this.timer.unref?.();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const t of this.finalityTimers) clearTimeout(t);
    this.finalityTimers.clear();
    this.options.persistence.close();
  }

  // ---- DevnetBackend -------------------------------------------------------------------

  bestBlock(): BlockView {
    return this.blocks.best;
  }

  finalizedBlock(): BlockView {
    return this.blockByNumber(this.finalizedNumber) ?? this.bestBlock();
  }

  blockByNumber(number: number): BlockView | null {
    return this.blocks.byNumber(number);
  }

  blockByHash(hash: Hex): BlockView | null {
    return this.blocks.find(hash);
  }

  runtimeVersion(): RuntimeVersionView {
    return this.version;
  }

  metadata(at?: Hex): Hex {
    if (at) this.numberAt(at);
    return this.md.hex;
  }

  call(method: string, data: Hex, at?: Hex): Hex {
    const number = at ? this.numberAt(at) : this.state.headNumber;
    return this.rt.apis.call(
      {
        md: this.md,
        storage: this.storageAt(number),
        blockNumber: number,
        runtimeVersion: this.version,
        metadataHex: this.md.hex,
      },
      method,
      data,
    );
  }

  storage(key: Hex, at?: Hex): Hex | null {
    const number = at ? this.numberAt(at) : this.state.headNumber;
    const v = this.readAt(() => this.state.getAt(key.toLowerCase() as HexKey, number));
    return v === undefined ? null : (u8aToHex(v) as Hex);
  }

  storageKeysPaged(prefix: Hex, count: number, startKey?: Hex, at?: Hex): Hex[] {
    const number = at ? this.numberAt(at) : this.state.headNumber;
    return this.readAt(() => this.state.keysPagedAt(prefix.toLowerCase() as HexKey, count, startKey?.toLowerCase(), number));
  }

  accountNextIndex(account: string): number {
    let who: string;
    try {
      who = encodeAddress(decodeAddress(account), 42);
    } catch {
      throw new RpcError(-32602, 'Invalid params', `not an SS58 address or account id: ${account}`);
    }
    const nonce = readAccount(this.storageAt(this.state.headNumber), who).nonce;
    return this.pool.nextNonce(who, nonce);
  }

  submitExtrinsic(extrinsic: Hex, watch?: (status: TransactionStatus) => void): Hex {
    const bytes = hexToU8a(extrinsic);
    const tx = validateTransaction(
      {
        md: this.md,
        calls: this.rt.calls,
        genesisHash: this.genesisHash,
        specVersion: this.version.specVersion,
        transactionVersion: this.version.transactionVersion,
        storage: this.storageAt(this.state.headNumber),
        nextBlock: this.state.headNumber + 1,
        blockHash: (n) => (n > this.state.headNumber || n < this.state.headNumber + 1 - BLOCK_HASH_COUNT ? null : this.blockByNumber(n)?.hash ?? null),
      },
      bytes,
    );
    if (this.pool.has(tx.hash)) throw alreadyImported();
    if (this.pool.sameSlot(tx.signer, tx.nonce)) throw tooLowPriority();
    const watchers = watch ? [watch] : [];
    const accountNonce = readAccount(this.storageAt(this.state.headNumber), tx.signer).nonce;
    const { ready, evicted } = this.pool.admit({ tx, hex: u8aToHex(bytes) as Hex, watchers }, accountNonce);
    for (const e of evicted) this.notify(e.watchers, 'dropped');
    this.notify(watchers, ready ? 'ready' : 'future');
    this.log?.debug({ hash: tx.hash, signer: tx.signer, call: `${tx.extrinsic.method.section}.${tx.extrinsic.method.method}` }, 'transaction accepted');
    if (this.options.instant) this.scheduleInstantBlock();
    return tx.hash;
  }

  pendingExtrinsics(): Hex[] {
    return this.pool.all().map((p) => p.hex);
  }

  /** Ready and future transactions in the pool, with their bytes. */
  poolStatus(): PoolStatus {
    return this.pool.status();
  }

  onNewHead(listener: (block: BlockView) => void): Unsubscribe {
    this.headListeners.add(listener);
    return () => this.headListeners.delete(listener);
  }

  onFinalizedHead(listener: (block: BlockView) => void): Unsubscribe {
    this.finalizedListeners.add(listener);
    return () => this.finalizedListeners.delete(listener);
  }

  async newBlocks(count: number): Promise<Hex> {
    for (let i = 0; i < count; i++) this.produceBlock();
    return this.bestBlock().hash;
  }

  // ---- state access --------------------------------------------------------------------

  /** Typed storage over the state at block `number` (writes go nowhere). */
  storageAt(number: number): TypedStorage {
    const reader = number >= this.state.headNumber ? this.state : new HistoricalState(this.state, number);
    return new TypedStorage(this.md, new StateOverlay(reader));
  }

  get headNumber(): number {
    return this.state.headNumber;
  }

  // ---- block production ----------------------------------------------------------------

  /** Builds, persists and announces one block with every includable pooled transaction. */
  produceBlock(): BlockView {
    if (this.closed) throw new Error('the dev chain is closed');
    const parent = this.bestBlock();
    const number = parent.number + 1;
    const timestamp = Math.max(this.now(), this.headTimestamp + 1);
    const exec = new BlockExecution(this.rt, this.state, number, timestamp);
    this.initializeSystem(exec, parent);
    exec.initialize();

    const included: Hex[] = [];
    const inherent = this.timestampInherent(timestamp);
    exec.applyExtrinsic(inherent, inherent.encodedLength);
    included.push(inherent.toHex() as Hex);

    const applied: { hash: Hex; watchers: ((s: TransactionStatus) => void)[] }[] = [];
    // Mortal transactions whose era has ended can never be included.
    for (const p of this.pool.expire(number)) this.notify(p.watchers, 'invalid');
    for (const run of this.pool.readyRuns()) {
      for (const p of run) {
        const verdict = this.includability(exec, p.tx, number);
        if (verdict === 'wait') break;
        this.pool.remove(p.tx.hash);
        if (verdict === 'drop') {
          this.notify(p.watchers, 'invalid');
          continue;
        }
        exec.applyExtrinsic(p.tx.extrinsic, p.tx.bytes.length);
        included.push(p.hex);
        applied.push({ hash: p.tx.hash, watchers: p.watchers });
      }
    }
    exec.finalize();
    exec.storage.set('System', 'EventCount', [], exec.events.count);
    exec.overlay.set(exec.storage.key('System', 'Events'), exec.events.encode());

    const changes = exec.overlay.changes();
    const view = makeBlockView(
      this.md.registry,
      {
        parentHash: parent.hash,
        number,
        stateRoot: nextStateRoot(parent.stateRoot, changes),
        extrinsicsRoot: extrinsicsRoot(included),
        digestLogs: [],
      },
      included,
    );
    // Durable first: a block is announced only once it survives a crash.
    this.options.persistence.append(encodeRecord({ block: view, timestamp, changes: changesToRecord(changes) }));
    this.commit(view, changes, timestamp);
    if (number % this.snapshotEvery === 0) this.writeSnapshot();
    const head = this.storageAt(number);
    for (const p of this.pool.refresh((signer) => readAccount(head, signer).nonce)) this.notify(p.watchers, 'invalid');

    for (const a of applied) this.notify(a.watchers, { inBlock: view.hash });
    for (const l of this.headListeners) l(view);
    const finalize = (): void => {
      if (this.closed) return;
      this.finalizedNumber = Math.max(this.finalizedNumber, view.number);
      for (const a of applied) this.notify(a.watchers, { finalized: view.hash });
      for (const l of this.finalizedListeners) l(view);
    };
    const timer = setTimeout(() => {
      this.finalityTimers.delete(timer);
      finalize();
    }, this.options.finalityDelayMs ?? 100);
    this.finalityTimers.add(timer);
    this.log?.debug({ number, hash: view.hash, extrinsics: included.length }, 'block');
    return view;
  }

  private includability(exec: BlockExecution, tx: ValidTransaction, number: number): 'apply' | 'wait' | 'drop' {
    if (tx.deathBlock < number) return 'drop';
    const nonce = readAccount(exec.storage, tx.signer).nonce;
    if (tx.nonce > nonce) return 'wait';
    if (tx.nonce < nonce) return 'drop';
    return 'apply';
  }

  private initializeSystem(exec: BlockExecution, parent: BlockView): void {
    const s = exec.storage;
    s.set('System', 'Number', [], exec.blockNumber);
    s.set('System', 'ParentHash', [], parent.hash);
    s.set('System', 'BlockHash', [parent.number], parent.hash);
    const expired = parent.number - BLOCK_HASH_COUNT;
    if (expired > 0) s.remove('System', 'BlockHash', [expired]);
  }

  private timestampInherent(timestamp: number): Extrinsic {
    const call = this.md.registry.createType('Call', { callIndex: this.callIndex('Timestamp', 'set'), args: { now: timestamp } });
    return this.md.registry.createType('Extrinsic', call);
  }

  private callIndex(pallet: string, name: string): [number, number] {
    const p = this.md.json.pallets.find((x) => x.name === pallet)!;
    const def = this.md.json.lookup.types[p.calls!.type]!.type.def;
    const v = 'variant' in def ? def.variant.variants.find((x) => x.name === name) : undefined;
    return [p.index, v!.index];
  }

  private commit(view: BlockView, changes: Map<HexKey, Uint8Array | null>, timestamp: number): void {
    this.state.apply(view.number, changes);
    this.blocks.push(view);
    this.headTimestamp = timestamp;
  }

  private writeSnapshot(): void {
    this.options.persistence.writeSnapshot(
      encodeSnapshot({
        genesisHash: this.genesisHash,
        headNumber: this.state.headNumber,
        headTimestamp: this.headTimestamp,
        blocks: this.blocks.last(BLOCK_HASH_COUNT + 1),
        state: [...this.state.entries()].map(([k, v]) => [k, u8aToHex(v) as Hex]),
      }),
    );
  }

  private produceSafely(): void {
    try {
      this.produceBlock();
    } catch (e) {
      this.log?.error({ err: e }, 'block production failed');
    }
  }

  private scheduleInstantBlock(): void {
    if (this.instantScheduled) return;
    this.instantScheduled = true;
    setImmediate(() => {
      this.instantScheduled = false;
      if (!this.closed && this.pool.size > 0) this.produceSafely();
    });
  }

  private notify(watchers: readonly ((s: TransactionStatus) => void)[], status: TransactionStatus): void {
    for (const w of watchers) {
      try {
        w(status);
      } catch (e) {
        this.log?.warn({ err: e }, 'transaction watcher threw');
      }
    }
  }

  private numberAt(hash: Hex): number {
    const b = this.blockByHash(hash);
    if (!b) throw new RpcError(4003, 'Client error: UnknownBlock', `Header was not found in the database: ${hash}`);
    return b.number;
  }

  private readAt<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (e instanceof RangeError) throw new RpcError(4003, 'Client error: State already discarded', e.message);
      throw e;
    }
  }

  // ---- genesis and resume --------------------------------------------------------------

  private resumeOrGenesis(): void {
    const { snapshot, records } = this.options.persistence.recovered;
    if (snapshot) {
      const s = decodeSnapshot(snapshot);
      this.genesisHash = s.genesisHash;
      this.state.load(s.headNumber, s.state.map(([k, v]) => [k, hexToU8a(v)]));
      for (const b of s.blocks) this.blocks.push(b);
      this.headTimestamp = s.headTimestamp;
    } else {
      this.buildGenesis();
      const first = records[0] ? decodeRecord(records[0]) : null;
      if (first && first.block.number !== 1) throw new DevnetDataError('the data directory has blocks but no snapshot of their state');
    }
    for (const bytes of records) {
      const r = decodeRecord(bytes);
      const parent = this.bestBlock();
      if (r.block.number <= parent.number) continue;
      if (r.block.parentHash !== parent.hash) {
        throw new DevnetDataError(`block ${r.block.number} in the data directory does not extend ${parent.hash} (another genesis?)`);
      }
      this.commit(r.block, changesFromRecord(r.changes), r.timestamp);
    }
    // Everything that survived a restart is final.
    this.finalizedNumber = this.state.headNumber;
    this.log?.info({ head: this.state.headNumber, genesis: this.genesisHash, replayed: records.length }, snapshot || records.length ? 'resumed' : 'genesis');
  }

  private buildGenesis(): BlockView {
    const exec = new BlockExecution(this.rt, this.state, 0, 0);
    const ctx = exec.runtimeContext();
    for (const p of this.rt.pallets) p.buildGenesis?.(ctx, this.options.genesis);
    const changes = exec.overlay.changes();
    const view = makeBlockView(
      this.md.registry,
      { parentHash: ZERO_HASH, number: 0, stateRoot: nextStateRoot(ZERO_HASH, changes), extrinsicsRoot: extrinsicsRoot([]), digestLogs: [] },
      [],
    );
    this.state.apply(0, changes);
    this.blocks.push(view);
    this.genesisHash = view.hash;
    return view;
  }
}
