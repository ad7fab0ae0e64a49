import type { ChainClient } from './client';
import { ChainError } from './errors';

/** Resolves with the head number once the best block is at least `number`; rejects after `timeoutMs`. */
export async function waitForBlock(client: ChainClient, number: number, timeoutMs: number): Promise<number> {
  const head = (await client.api.rpc.chain.getHeader()).number.toNumber();
  if (head >= number) return head;
  return new Promise<number>((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    let done = false;
    const finish = (error: Error | null, value = 0) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe?.();
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new ChainError(`block #${number} did not arrive within ${timeoutMs} ms (head is #${head})`)), timeoutMs);
    client.api.rpc.chain
      .subscribeNewHeads((header) => {
        const n = header.number.toNumber();
        if (n >= number) finish(null, n);
      })
      .then((unsub) => {
        unsubscribe = unsub;
        if (done) unsub();
      })
      .catch((error: Error) => finish(error));
  });
}
