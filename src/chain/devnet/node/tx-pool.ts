import type { Hex, TransactionStatus } from '../rpc/backend';
import type { ValidTransaction } from '../runtime/transaction-validity';

export interface PooledTransaction {
  readonly tx: ValidTransaction;
  readonly hex: Hex;
  readonly watchers: ((status: TransactionStatus) => void)[];
}

/**
 * Pending transactions, ordered per sender by nonce. A block takes, for each sender, the
 * run of consecutive nonces starting at the account's current one; later ones wait.
 */
export class TxPool {
  private readonly byHash = new Map<Hex, PooledTransaction>();

  constructor(private readonly maxSize: number) {}

  get size(): number {
    return this.byHash.size;
  }

  has(hash: Hex): boolean {
    return this.byHash.has(hash);
  }

  /** The pooled transaction from the same sender with the same nonce, if any. */
  sameSlot(signer: string, nonce: number): PooledTransaction | undefined {
    for (const p of this.byHash.values()) if (p.tx.signer === signer && p.tx.nonce === nonce) return p;
    return undefined;
  }

  isFull(): boolean {
    return this.byHash.size >= this.maxSize;
  }

  add(entry: PooledTransaction): void {
    this.byHash.set(entry.tx.hash, entry);
  }

  remove(hash: Hex): PooledTransaction | undefined {
    const p = this.byHash.get(hash);
    this.byHash.delete(hash);
    return p;
  }

  all(): PooledTransaction[] {
    return [...this.byHash.values()];
  }

  /** Highest nonce + 1 of the sender's consecutive run starting at `accountNonce`. */
  nextNonce(signer: string, accountNonce: number): number {
    const nonces = new Set<number>();
    for (const p of this.byHash.values()) if (p.tx.signer === signer) nonces.add(p.tx.nonce);
    let n = accountNonce;
    while (nonces.has(n)) n++;
    return n;
  }
}
