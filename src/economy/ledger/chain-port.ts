import type { Inclusion, SignedTx } from './entries';

/**
 * What the ledger needs from a chain, as an interface the ledger defines (a port): the economy
 * module imports nothing from `src/chain`. The adapter that implements it with the chain client
 * lives in the CLI (`src/cli/economy/chain-port.ts`); tests use an in-memory fake.
 *
 * Submission is split into sign → send → look up because exactly-once needs the signed bytes
 * on disk before they leave the process: the ledger journals `submitted` (bytes and hash)
 * between `sign` and `send`, and after a restart asks `lookup` where those bytes are before
 * sending them again.
 */

export interface ChainHead {
  readonly number: number;
  readonly hash: string;
}

/** A call the ledger asks to have signed by the owner coldkey. */
export type LedgerCall =
  /** `SubtensorModule.add_stake_burn(hotkey, netuid, amount, limit)`: buy alpha with TAO and burn it. */
  | { readonly kind: 'buyback'; readonly netuid: number; readonly hotkey: string; readonly amountRao: bigint; readonly limitRao: bigint | null }
  /** `SubtensorModule.add_stake(hotkey, netuid, amount_staked)`: the first leg of a buyback on a runtime without add_stake_burn. */
  | { readonly kind: 'stake'; readonly netuid: number; readonly hotkey: string; readonly amountRao: bigint }
  /** `SubtensorModule.burn_alpha(hotkey, amount, netuid)`: the second leg, burning the alpha the first one bought. */
  | { readonly kind: 'burn-alpha'; readonly netuid: number; readonly hotkey: string; readonly amountRao: bigint }
  /** `System.remark_with_event(text)`: the chain emits `Remarked(sender, blake2_256(text))`. */
  | { readonly kind: 'remark'; readonly text: string };

/**
 * How a buyback is done on the node: `add_stake_burn` in one call, or, on older runtimes
 * without it (spec 293), `add_stake` and then `burn_alpha` of exactly the alpha it bought.
 */
export type BuybackMethod = 'add_stake_burn' | 'add_stake+burn_alpha';

/** The buyback calls the node's metadata has. */
export interface BuybackCapabilities {
  readonly addStakeBurn: boolean;
  readonly addStake: boolean;
  readonly burnAlpha: boolean;
  /** The node's runtime spec version, for messages. */
  readonly specVersion: number;
}

/** A `StakeAdded(coldkey, hotkey, tao, alpha, netuid, fee)` event: what the first leg bought. */
export interface StakeEvent {
  readonly netuid: number;
  readonly hotkey: string;
  readonly taoRao: bigint;
  readonly alphaRao: bigint;
}

/** An `AlphaBurned(coldkey, hotkey, alpha, netuid)` event: the second leg. */
export interface AlphaBurnEvent extends Inclusion {
  readonly netuid: number;
  readonly hotkey: string;
  readonly alphaRao: bigint;
}

/** A `SubtensorModule.AddStakeBurn(netuid, hotkey, amount, alpha)` event and the extrinsic that emitted it. */
export interface BurnEvent extends Inclusion {
  readonly netuid: number;
  readonly hotkey: string;
  readonly taoRao: bigint;
  readonly alphaRao: bigint;
  /** Hash and signer of the extrinsic; null where the adapter could not tell. */
  readonly txHash: string | null;
  readonly signer: string | null;
}

/** A `System.Remarked(sender, hash)` event. */
export interface RemarkEvent extends Inclusion {
  readonly sender: string;
  readonly hash: string;
  readonly txHash: string | null;
}

/** A `NeuronRegistered` event and the registration burn paid for it (rao of TAO). */
export interface RegistrationFee {
  readonly blockNumber: number;
  readonly netuid: number;
  readonly uid: number;
  readonly hotkey: string;
  readonly feeRao: bigint;
}

/** Where a signed extrinsic stands, judged on the finalized chain. */
export type TxOutcome =
  /** In a finalized block and it succeeded; `burn` / `remark` are the events it emitted. */
  | {
      readonly status: 'included';
      readonly ok: true;
      readonly inclusion: Inclusion;
      readonly burn: BurnEvent | null;
      readonly remark: RemarkEvent | null;
      /** The legs of a buyback without add_stake_burn (absent where the adapter does not report them). */
      readonly staked?: StakeEvent | null;
      readonly alphaBurned?: AlphaBurnEvent | null;
    }
  /** In a finalized block and it failed (`error` is e.g. `subtensorModule.AddStakeBurnRateLimitExceeded`): nonce and fee spent, nothing else. */
  | { readonly status: 'included'; readonly ok: false; readonly inclusion: Inclusion; readonly error: string }
  /** In no finalized block, and it still can be (its nonce is unused, its era not over): sending the same bytes is safe. */
  | { readonly status: 'pending'; readonly note?: string }
  /** In no block, and it never can be: its nonce was used by another extrinsic, or its mortal era ended. */
  | { readonly status: 'dropped'; readonly reason: string };

export type SendResult =
  | { readonly accepted: true }
  /**
   * The node refused the bytes. `definitive`: they were judged invalid (cannot pay the fee, bad
   * proof …) and are in no pool; otherwise (connection trouble) the node may hold them.
   */
  | { readonly accepted: false; readonly reason: string; readonly definitive: boolean };

/** When the subnet's next `add_stake_burn` may run (once per tempo on this subtensor). */
export interface BuybackWindow {
  /** Best block now; a transaction sent now goes into `head + 1` at the earliest. */
  readonly head: number;
  /** Block of the subnet's last buyback, 0 when none. */
  readonly lastBurnBlock: number;
  readonly tempo: number;
  /** First block that may hold the next buyback. */
  readonly nextAllowedBlock: number;
}

export interface LedgerChainPort {
  /** ss58 address of the signing (owner) coldkey. */
  readonly signer: string;
  /** The last finalized block. */
  finalizedHead(): Promise<ChainHead>;
  /** Signs `call` with the signer's next nonce; nothing is sent. */
  sign(call: LedgerCall): Promise<SignedTx>;
  /** Hands the signed bytes to the node's pool (the same bytes again are harmless: same hash, same nonce). */
  send(tx: SignedTx): Promise<SendResult>;
  /** Where `tx` stands now, on the finalized chain. */
  lookup(tx: SignedTx): Promise<TxOutcome>;
  /** `lookup` until the outcome is no longer pending, or `timeoutMs` passed (then pending). */
  waitForOutcome(tx: SignedTx, timeoutMs: number): Promise<TxOutcome>;
  buybackWindow(netuid: number): Promise<BuybackWindow>;
  /** Which buyback calls the node has (its metadata), asked before an order is planned. */
  capabilities(): Promise<BuybackCapabilities>;
  /** The AlphaBurned event emitted by the extrinsic at `at`, when that block is canonical and it emitted one. */
  alphaBurnAt(at: Inclusion): Promise<AlphaBurnEvent | null>;
  /** The AddStakeBurn event emitted by the extrinsic at `at`, when that block is canonical and it emitted one. */
  burnAt(at: Inclusion): Promise<BurnEvent | null>;
  /** The Remarked event emitted by the extrinsic at `at`, when that block is canonical and it emitted one. */
  remarkAt(at: Inclusion): Promise<RemarkEvent | null>;
  /** Every AddStakeBurn event for `netuid` in blocks `fromBlock`..`toBlock` (inclusive). */
  listBurnEvents(netuid: number, fromBlock: number, toBlock: number): Promise<BurnEvent[]>;
  /** Every registration on `netuid` in blocks `fromBlock`..`toBlock` and the burn it paid. */
  registrationFees(netuid: number, fromBlock: number, toBlock: number): Promise<RegistrationFee[]>;
  /** The subnet's alpha in circulation after block `blockNumber`: the pool's alpha plus all alpha staked on the subnet. */
  alphaSupply(netuid: number, blockNumber: number): Promise<bigint>;
}
