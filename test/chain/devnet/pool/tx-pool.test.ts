import { TxPool, type PooledTransaction } from '../../../../src/chain/devnet/node/tx-pool';
import type { Hex, TransactionStatus } from '../../../../src/chain/devnet/rpc/backend';
import type { ValidTransaction } from '../../../../src/chain/devnet/runtime/transaction-validity';

/** The pool's queues and limits on their own (the end-to-end attack is in pool-abuse.test.ts). */
let counter = 0;
function pooled(signer: string, nonce: number, options: { bytes?: number; deathBlock?: number } = {}): PooledTransaction & { statuses: TransactionStatus[] } {
  const statuses: TransactionStatus[] = [];
  const tx = {
    signer,
    nonce,
    hash: `0x${(counter++).toString(16).padStart(64, '0')}` as Hex,
    bytes: new Uint8Array(options.bytes ?? 100),
    deathBlock: options.deathBlock ?? Number.MAX_SAFE_INTEGER,
  } as unknown as ValidTransaction;
  return { tx, hex: '0x00', watchers: [(s) => statuses.push(s)], statuses };
}

const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code: number }).code, data: (error as { data: unknown }).data };
  }
  return 'accepted';
};

describe('TxPool', () => {
  it('keeps ready and future transactions in separate queues, so futures never take the room of ready ones', () => {
    const pool = new TxPool({ readyCount: 10, futureCount: 3, futurePerAccount: 3 });
    for (let n = 1; n <= 3; n++) expect(pool.admit(pooled('mallory', n), 0).ready).toBe(false);
    expect(codeOf(() => pool.admit(pooled('mallory', 4), 0))).toEqual({ code: 1016, data: "The transaction couldn't enter the pool because of the limit" });
    expect(pool.admit(pooled('honest', 0), 0)).toEqual({ ready: true, evicted: [] });
    expect(pool.status()).toEqual({ ready: 1, future: 3, readyBytes: 100, futureBytes: 300 });
  });

  it('refuses a nonce further ahead than the gap limit', () => {
    const pool = new TxPool({ maxNonceGap: 8 });
    expect(pool.admit(pooled('a', 8), 0).ready).toBe(false);
    expect(codeOf(() => pool.admit(pooled('a', 9), 0))).toEqual({ code: 1010, data: 'Transaction will be valid in the future' });
    // The gap counts from the account's next nonce, pool included.
    expect(pool.admit(pooled('a', 0), 0).ready).toBe(true);
    expect(pool.admit(pooled('a', 9), 0).ready).toBe(false);
  });

  it('evicts the oldest future transaction when the future queue is full, as Substrate does', () => {
    const pool = new TxPool({ futureCount: 2, futurePerAccount: 2 });
    const first = pooled('a', 5);
    pool.admit(first, 0);
    pool.admit(pooled('b', 5), 0);
    const result = pool.admit(pooled('c', 5), 0);
    expect(result.evicted.map((p) => p.tx.hash)).toEqual([first.tx.hash]);
    expect(pool.has(first.tx.hash)).toBe(false);
    expect(pool.status().future).toBe(2);
  });

  it('promotes futures when the gap is filled, and refresh drops what a block made stale', () => {
    const pool = new TxPool();
    pool.admit(pooled('a', 2), 0);
    pool.admit(pooled('a', 1), 0);
    expect(pool.status()).toMatchObject({ ready: 0, future: 2 });
    pool.admit(pooled('a', 0), 0);
    expect(pool.status()).toMatchObject({ ready: 3, future: 0 });
    expect(pool.readyRuns().map((run) => run.map((p) => p.tx.nonce))).toEqual([[0, 1, 2]]);
    // A block included nonces 0 and 1 (the account nonce is now 2); a stray old one would be stale.
    const [run] = pool.readyRuns();
    pool.remove(run![0]!.tx.hash);
    pool.remove(run![1]!.tx.hash);
    expect(pool.refresh(() => 2)).toEqual([]);
    expect(pool.status()).toMatchObject({ ready: 1, future: 0 });
    expect(pool.refresh(() => 3).map((p) => p.tx.nonce)).toEqual([2]);
    expect(pool.size).toBe(0);
  });

  it('expires mortal transactions once their era has ended, ready or future', () => {
    const pool = new TxPool();
    pool.admit(pooled('a', 0, { deathBlock: 10 }), 0);
    pool.admit(pooled('b', 3, { deathBlock: 12 }), 0);
    pool.admit(pooled('c', 0), 0);
    expect(pool.expire(11).map((p) => p.tx.signer)).toEqual(['a']);
    expect(pool.expire(13).map((p) => p.tx.signer)).toEqual(['b']);
    expect(pool.size).toBe(1);
  });
});
