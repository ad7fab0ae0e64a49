import { blake2AsHex } from '@polkadot/util-crypto';
import type { BlockView, DevnetBackend, Hex, RuntimeVersionView, TransactionStatus, Unsubscribe } from '../../../../src/chain/devnet/rpc/backend';
import { RpcError } from '../../../../src/chain/devnet/rpc/rpc-error';

/**
 * A small in-memory chain behind `DevnetBackend`, for testing the RPC layer alone.
 * Storage written with `setStorage` lands in the next block; every block is final at once.
 */
export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const BAD_SIGNATURE_TX: Hex = '0xdead';
export const THROWING_TX: Hex = '0xbad0';

interface StoredBlock extends BlockView {
  readonly storage: ReadonlyMap<Hex, Hex>;
}

export class FakeBackend implements DevnetBackend {
  readonly chainName = 'PoG Devnet';
  readonly nodeName = 'pog-devnet';
  readonly nodeVersion = '0.1.0-test';
  readonly properties = { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' };
  readonly genesisHash: Hex;

  specVersion = 100;
  readonly blocks: StoredBlock[] = [];
  readonly newHeadListeners = new Set<(block: BlockView) => void>();
  readonly finalizedListeners = new Set<(block: BlockView) => void>();
  private pendingStorage = new Map<Hex, Hex | null>();
  private pool: { extrinsic: Hex; hash: Hex; watch: ((status: TransactionStatus) => void) | undefined }[] = [];
  private nonces = new Map<string, number>();

  constructor() {
    this.blocks.push(this.makeBlock(0, `0x${'00'.repeat(32)}`, new Map([['0x0a01' as Hex, '0x01' as Hex]]), []));
    this.genesisHash = this.blocks[0]!.hash;
  }

  private makeBlock(number: number, parentHash: Hex, storage: ReadonlyMap<Hex, Hex>, extrinsics: Hex[]): StoredBlock {
    return {
      hash: blake2AsHex(`block-${number}-${parentHash}`),
      number,
      parentHash,
      stateRoot: blake2AsHex(`state-${number}`),
      extrinsicsRoot: blake2AsHex(`extrinsics-${number}`),
      digestLogs: ['0x0642414245b50101'],
      extrinsics,
      storage,
    };
  }

  setStorage(key: Hex, value: Hex | null): void {
    this.pendingStorage.set(key, value);
  }

  bestBlock(): BlockView {
    return this.blocks[this.blocks.length - 1]!;
  }

  finalizedBlock(): BlockView {
    return this.bestBlock();
  }

  blockByNumber(number: number): BlockView | null {
    return this.blocks[number] ?? null;
  }

  blockByHash(hash: Hex): BlockView | null {
    return this.blocks.find((block) => block.hash === hash) ?? null;
  }

  private stored(at: Hex | undefined): StoredBlock {
    const block = at === undefined ? this.blocks[this.blocks.length - 1] : this.blocks.find((b) => b.hash === at);
    if (block === undefined) throw new RpcError(4003, 'Client error: UnknownBlock', `Header was not found in the database: ${at}`);
    return block;
  }

  runtimeVersion(at?: Hex): RuntimeVersionView {
    this.stored(at);
    return {
      specName: 'node-subtensor',
      implName: 'node-subtensor',
      authoringVersion: 1,
      specVersion: this.specVersion,
      implVersion: 1,
      apis: [['0xdf6acb689907609b', 5]],
      transactionVersion: 1,
      systemVersion: 1,
    };
  }

  metadata(at?: Hex): Hex {
    this.stored(at);
    return '0x6d6574610e00';
  }

  call(method: string, data: Hex, at?: Hex): Hex {
    this.stored(at);
    if (method === 'Echo_echo') return data;
    if (method === 'Explode_now') throw new Error('kaboom');
    throw new RpcError(4003, 'Client error: Execution failed', `Exported method ${method} is not found`);
  }

  storage(key: Hex, at?: Hex): Hex | null {
    return this.stored(at).storage.get(key) ?? null;
  }

  storageKeysPaged(prefix: Hex, count: number, startKey?: Hex, at?: Hex): Hex[] {
    return [...this.stored(at).storage.keys()]
      .filter((key) => key.startsWith(prefix) && (startKey === undefined || key > startKey))
      .sort()
      .slice(0, count);
  }

  accountNextIndex(account: string): number {
    return this.nonces.get(account) ?? 0;
  }

  submitExtrinsic(extrinsic: Hex, watch?: (status: TransactionStatus) => void): Hex {
    if (extrinsic === BAD_SIGNATURE_TX) throw new RpcError(1010, 'Invalid Transaction', 'Transaction has a bad signature');
    if (extrinsic === THROWING_TX) throw new Error('pool exploded');
    const hash = blake2AsHex(extrinsic);
    if (this.pool.some((entry) => entry.hash === hash)) throw new RpcError(1012, 'Transaction is temporarily banned');
    this.pool.push({ extrinsic, hash, watch });
    watch?.('ready');
    return hash;
  }

  pendingExtrinsics(): Hex[] {
    return this.pool.map((entry) => entry.extrinsic);
  }

  onNewHead(listener: (block: BlockView) => void): Unsubscribe {
    this.newHeadListeners.add(listener);
    return () => this.newHeadListeners.delete(listener);
  }

  onFinalizedHead(listener: (block: BlockView) => void): Unsubscribe {
    this.finalizedListeners.add(listener);
    return () => this.finalizedListeners.delete(listener);
  }

  get listenerCount(): number {
    return this.newHeadListeners.size + this.finalizedListeners.size;
  }

  /** Builds one block now, synchronously. */
  buildBlock(): BlockView {
    const parent = this.blocks[this.blocks.length - 1]!;
    const storage = new Map(parent.storage);
    for (const [key, value] of this.pendingStorage) {
      if (value === null) storage.delete(key);
      else storage.set(key, value);
    }
    this.pendingStorage.clear();
    const included = this.pool;
    this.pool = [];
    const block = this.makeBlock(parent.number + 1, parent.hash, storage, included.map((entry) => entry.extrinsic));
    this.blocks.push(block);
    for (const entry of included) entry.watch?.({ inBlock: block.hash });
    for (const listener of [...this.newHeadListeners]) listener(block);
    for (const listener of [...this.finalizedListeners]) listener(block);
    for (const entry of included) entry.watch?.({ finalized: block.hash });
    return block;
  }

  async newBlocks(count: number): Promise<Hex> {
    await Promise.resolve();
    let head = this.bestBlock();
    for (let i = 0; i < count; i++) head = this.buildBlock();
    return head.hash;
  }
}
