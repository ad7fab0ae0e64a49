/**
 * Per-signer nonces for concurrent submissions from one process. The first nonce of a signer
 * comes from the node (`system_accountNextIndex`, which counts the signer's transactions in
 * the pool too); after that the queue hands out consecutive nonces itself. Each `withNonce`
 * call runs alone for its signer, so signing and handing the transaction to the node happen
 * in nonce order. A call that fails (the node refused the transaction, so the nonce was not
 * used) makes the next one ask the node again.
 */
export class NonceQueue {
  readonly #next = new Map<string, number>();
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(private readonly fetchNext: (address: string) => Promise<number>) {}

  /**
   * Runs `use(nonce)` with the signer's next nonce, after every earlier `withNonce` call for
   * the same signer has finished. When `use` resolves the nonce counts as used; when it
   * throws, the signer is resynchronised from the node before its next nonce.
   */
  withNonce<T>(address: string, use: (nonce: number) => Promise<T>): Promise<T> {
    const previous = this.#tails.get(address) ?? Promise.resolve();
    const run = previous.then(async () => {
      let nonce = this.#next.get(address);
      if (nonce === undefined) nonce = await this.fetchNext(address);
      try {
        const result = await use(nonce);
        this.#next.set(address, nonce + 1);
        return result;
      } catch (error) {
        this.#next.delete(address);
        throw error;
      }
    });
    const tail = run.catch(() => undefined);
    this.#tails.set(address, tail);
    void tail.then(() => {
      if (this.#tails.get(address) === tail) this.#tails.delete(address);
    });
    return run;
  }

  /** Forgets the signer's tracked nonce: the next one comes from the node. */
  resync(address: string): void {
    this.#next.delete(address);
  }

  /** The nonce the signer's next transaction gets, when it is tracked locally. */
  peek(address: string): number | undefined {
    return this.#next.get(address);
  }
}
