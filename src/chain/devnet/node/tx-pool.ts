import type { Hex, TransactionStatus } from '../rpc/backend';
import type { ValidTransaction } from '../runtime/transaction-validity';
import { immediatelyDropped, nonceTooFarAhead } from './pool-errors';

export interface PooledTransaction {
  readonly tx: ValidTransaction;
  readonly hex: Hex;
  readonly watchers: ((status: TransactionStatus) => void)[];
}

/**
 * Limits of the pool. The first four are Substrate's (`--pool-limit 8192`, `--pool-kbytes
 * 20480`, and the future queue a tenth of each: sc-transaction-pool `new_with_params`); the
 * last two are the dev chain's own, so that one account's future transactions are a small
 * share of the future queue.
 */
export interface TxPoolLimits {
  readonly readyCount?: number;
  readonly readyBytes?: number;
  readonly futureCount?: number;
  readonly futureBytes?: number;
  /** Future transactions one account may have waiting. */
  readonly futurePerAccount?: number;
  /** How far a nonce may be ahead of the account's next one (pool included). */
  readonly maxNonceGap?: number;
}

export const POOL_DEFAULTS = {
  readyCount: 8192,
  readyBytes: 20480 * 1024,
  futureCount: 819,
  futureBytes: 2048 * 1024,
  futurePerAccount: 16,
  maxNonceGap: 64,
} as const;

interface Entry extends PooledTransaction {
  /** Import order: the oldest future transaction is evicted first, as Substrate's `enforce_limits` does. */
  readonly seq: number;
  ready: boolean;
}

interface SignerQueue {
  /** The account's nonce at the best block, as last told. */
  accountNonce: number;
  readonly byNonce: Map<number, Entry>;
}

export interface PoolStatus {
  readonly ready: number;
  readonly future: number;
  readonly readyBytes: number;
  readonly futureBytes: number;
}

/**
 * Pending transactions, per sender by nonce, in two queues as Substrate keeps them: ready
 * (the run of consecutive nonces from the account's current one, includable now) and future
 * (waiting for a gap to be filled). Each queue has its own limits, so future transactions,
 * which cost nothing until included, can never take the room of ready ones.
 */
export class TxPool {
  private readonly byHash = new Map<Hex, Entry>();
  private readonly bySigner = new Map<string, SignerQueue>();
  private readonly limits: Required<TxPoolLimits>;
  private seq = 0;
  private counts = { ready: 0, future: 0, readyBytes: 0, futureBytes: 0 };

  constructor(limits: TxPoolLimits = {}) {
    this.limits = { ...POOL_DEFAULTS, ...limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`pool limit ${name} must be a positive integer, got ${value}`);
    }
  }

  get size(): number {
    return this.byHash.size;
  }

  status(): PoolStatus {
    return { ...this.counts };
  }

  has(hash: Hex): boolean {
    return this.byHash.has(hash);
  }

  /** The pooled transaction from the same sender with the same nonce, if any. */
  sameSlot(signer: string, nonce: number): PooledTransaction | undefined {
    return this.bySigner.get(signer)?.byNonce.get(nonce);
  }

  /**
   * Adds a validated transaction; `accountNonce` is the sender's nonce at the best block.
   * Returns whether it is ready, and the future transactions evicted to make room (their
   * watchers should hear `dropped`). Throws 1016 when a queue is full and nothing can
   * make room, 1010 (future) when the nonce is too far ahead.
   */
  admit(entry: PooledTransaction, accountNonce: number): { ready: boolean; evicted: PooledTransaction[] } {
    const { signer, nonce } = entry.tx;
    const bytes = entry.tx.bytes.length;
    const queue = this.queueOf(signer, accountNonce);
    const next = this.runEnd(queue);
    if (nonce - next > this.limits.maxNonceGap) throw nonceTooFarAhead();
    const ready = nonce === next;
    if (ready) {
      if (this.counts.ready + 1 > this.limits.readyCount || this.counts.readyBytes + bytes > this.limits.readyBytes) throw immediatelyDropped();
    } else {
      let waiting = 0;
      for (const e of queue.byNonce.values()) if (!e.ready) waiting++;
      if (waiting >= this.limits.futurePerAccount) throw immediatelyDropped();
    }

    const added: Entry = { ...entry, seq: this.seq++, ready: false };
    this.byHash.set(added.tx.hash, added);
    queue.byNonce.set(nonce, added);
    this.count(added, 1);
    this.classify(queue);

    const evicted: PooledTransaction[] = [];
    while (this.counts.future > this.limits.futureCount || this.counts.futureBytes > this.limits.futureBytes) {
      const oldest = this.oldestFuture();
      if (oldest === undefined) break;
      this.remove(oldest.tx.hash);
      if (oldest === added) throw immediatelyDropped();
      evicted.push(oldest);
    }
    return { ready: added.ready, evicted };
  }

  remove(hash: Hex): PooledTransaction | undefined {
    const entry = this.byHash.get(hash);
    if (entry === undefined) return undefined;
    this.byHash.delete(hash);
    const queue = this.bySigner.get(entry.tx.signer)!;
    queue.byNonce.delete(entry.tx.nonce);
    this.count(entry, -1);
    if (queue.byNonce.size === 0) this.bySigner.delete(entry.tx.signer);
    else this.classify(queue);
    return entry;
  }

  all(): PooledTransaction[] {
    return [...this.byHash.values()];
  }

  /** Removes the mortal transactions whose era ends before block `number`. */
  expire(number: number): PooledTransaction[] {
    const expired = [...this.byHash.values()].filter((entry) => entry.tx.deathBlock < number);
    for (const entry of expired) this.remove(entry.tx.hash);
    return expired;
  }

  /** Each sender's ready run, in nonce order (a copy: the caller may remove while iterating). */
  readyRuns(): PooledTransaction[][] {
    const runs: PooledTransaction[][] = [];
    for (const queue of this.bySigner.values()) {
      const run: PooledTransaction[] = [];
      for (let n = queue.accountNonce, e = queue.byNonce.get(n); e !== undefined; e = queue.byNonce.get(++n)) run.push(e);
      if (run.length > 0) runs.push(run);
    }
    return runs;
  }

  /**
   * After a block: each sender's nonce moved on. Transactions below it are removed (they
   * can never be included; their watchers should hear `invalid`), futures whose gap was
   * filled become ready.
   */
  refresh(accountNonceOf: (signer: string) => number): PooledTransaction[] {
    const stale: PooledTransaction[] = [];
    for (const queue of [...this.bySigner.values()]) {
      const [first] = queue.byNonce.values();
      queue.accountNonce = accountNonceOf(first!.tx.signer);
      for (const entry of [...queue.byNonce.values()]) {
        if (entry.tx.nonce < queue.accountNonce) {
          this.remove(entry.tx.hash);
          stale.push(entry);
        }
      }
      if (queue.byNonce.size > 0) this.classify(queue);
    }
    return stale;
  }

  /** Highest nonce + 1 of the sender's consecutive run starting at `accountNonce`. */
  nextNonce(signer: string, accountNonce: number): number {
    const queue = this.bySigner.get(signer);
    if (queue === undefined) return accountNonce;
    let n = accountNonce;
    while (queue.byNonce.has(n)) n++;
    return n;
  }

  private queueOf(signer: string, accountNonce: number): SignerQueue {
    let queue = this.bySigner.get(signer);
    if (queue === undefined) this.bySigner.set(signer, (queue = { accountNonce, byNonce: new Map() }));
    if (queue.accountNonce !== accountNonce) {
      queue.accountNonce = accountNonce;
      this.classify(queue);
    }
    return queue;
  }

  private runEnd(queue: SignerQueue): number {
    let n = queue.accountNonce;
    while (queue.byNonce.has(n)) n++;
    return n;
  }

  /** Marks the consecutive run from the account nonce ready and the rest future, keeping the counts. */
  private classify(queue: SignerQueue): void {
    const end = this.runEnd(queue);
    for (const entry of queue.byNonce.values()) {
      const ready = entry.tx.nonce >= queue.accountNonce && entry.tx.nonce < end;
      if (ready === entry.ready) continue;
      this.count(entry, -1);
      entry.ready = ready;
      this.count(entry, 1);
    }
  }

  private count(entry: Entry, sign: 1 | -1): void {
    const bytes = entry.tx.bytes.length * sign;
    if (entry.ready) {
      this.counts.ready += sign;
      this.counts.readyBytes += bytes;
    } else {
      this.counts.future += sign;
      this.counts.futureBytes += bytes;
    }
  }

  private oldestFuture(): Entry | undefined {
    let oldest: Entry | undefined;
    for (const entry of this.byHash.values()) if (!entry.ready && (oldest === undefined || entry.seq < oldest.seq)) oldest = entry;
    return oldest;
  }
}
