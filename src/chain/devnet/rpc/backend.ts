/**
 * What the JSON-RPC layer needs from the dev chain. The node implements it;
 * the RPC layer only formats and validates, so either can change alone.
 */
export type Hex = `0x${string}`;

/** One block as the node stores it; the RPC layer renders Substrate's JSON from it. */
export interface BlockView {
  readonly hash: Hex;
  readonly number: number;
  readonly parentHash: Hex;
  readonly stateRoot: Hex;
  readonly extrinsicsRoot: Hex;
  /** SCALE-encoded `DigestItem`s, in header order. */
  readonly digestLogs: readonly Hex[];
  /** SCALE-encoded extrinsics (each with its compact length prefix), in block order. */
  readonly extrinsics: readonly Hex[];
}

/** Substrate's runtime version as `state_getRuntimeVersion` returns it. */
export interface RuntimeVersionView {
  readonly specName: string;
  readonly implName: string;
  readonly authoringVersion: number;
  readonly specVersion: number;
  readonly implVersion: number;
  /** `[blake2_64(api name) hex, version]` pairs. */
  readonly apis: readonly (readonly [Hex, number])[];
  readonly transactionVersion: number;
  readonly systemVersion: number;
}

/** Transaction-pool status updates, in Substrate's `author_submitAndWatchExtrinsic` vocabulary. */
export type TransactionStatus =
  | 'future'
  | 'ready'
  | 'dropped'
  | 'invalid'
  | { readonly inBlock: Hex }
  | { readonly finalized: Hex }
  | { readonly usurped: Hex };

export type Unsubscribe = () => void;

export interface DevnetBackend {
  readonly chainName: string;
  readonly nodeName: string;
  readonly nodeVersion: string;
  /** `system_properties`: ss58Format, tokenDecimals, tokenSymbol. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly genesisHash: Hex;

  bestBlock(): BlockView;
  finalizedBlock(): BlockView;
  /** By number on the best chain; null when beyond the head or pruned. */
  blockByNumber(number: number): BlockView | null;
  blockByHash(hash: Hex): BlockView | null;

  runtimeVersion(at?: Hex): RuntimeVersionView;
  /** The SCALE-encoded `RuntimeMetadataPrefixed` ('meta' magic + version + metadata). */
  metadata(at?: Hex): Hex;
  /** Runtime API call, e.g. `AccountNonceApi_account_nonce`; throws RpcError for unknown methods. */
  call(method: string, data: Hex, at?: Hex): Hex;

  /** Storage value at a block (best when omitted); null when absent. Throws RpcError for an unknown block. */
  storage(key: Hex, at?: Hex): Hex | null;
  /** Keys with the prefix, sorted, strictly after `startKey`, at most `count`. */
  storageKeysPaged(prefix: Hex, count: number, startKey?: Hex, at?: Hex): Hex[];

  /** Next usable nonce for an SS58 or hex account id, counting the pool. */
  accountNextIndex(account: string): number;

  /**
   * Validates and queues an extrinsic. Returns its blake2_256 hash. Throws RpcError with
   * Substrate's codes (1010 invalid, 1011 unknown validity, 1012 temporarily banned/duplicate).
   * `watch`, when given, receives every status change until a terminal one.
   */
  submitExtrinsic(extrinsic: Hex, watch?: (status: TransactionStatus) => void): Hex;
  pendingExtrinsics(): Hex[];

  /** Called after every imported block (best head changed). */
  onNewHead(listener: (block: BlockView) => void): Unsubscribe;
  /** Called after every finalized block. */
  onFinalizedHead(listener: (block: BlockView) => void): Unsubscribe;

  /** Dev helper: build `count` blocks now (instant or manual mode). Returns the new head's hash. */
  newBlocks(count: number): Promise<Hex>;
}
