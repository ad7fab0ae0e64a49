import type { ChainConnection } from './connection';
import { findExtrinsic } from './inclusion';

export type WaitFor = 'inBlock' | 'finalized';

/** How watching an extrinsic ended. */
export type WatchOutcome =
  /** In a block (`inBlock`) or finalized, as asked. */
  | { readonly kind: 'included'; readonly blockHash: string; readonly finalized: boolean }
  /** The pool gave up on it: `invalid`, `dropped`, `usurped` or `finalityTimeout`. */
  | { readonly kind: 'rejected'; readonly status: string }
  /** The subscription failed (the error says why; a connection error means lost). */
  | { readonly kind: 'error'; readonly error: unknown }
  /** The connection dropped while watching. */
  | { readonly kind: 'lost' };

export interface Watch {
  /** Resolves when the node accepted the extrinsic into its pool; rejects with its refusal. */
  readonly accepted: Promise<void>;
  readonly outcome: Promise<WatchOutcome>;
  stop(): void;
}

/** A transaction status as the node sends it: "ready", { inBlock: hash }, … */
function statusOf(raw: unknown): { type: string; hash?: string } {
  if (typeof raw === 'string') return { type: raw };
  if (raw && typeof raw === 'object') {
    const [type, value] = Object.entries(raw)[0] ?? ['unknown', undefined];
    return { type, hash: typeof value === 'string' ? value : undefined };
  }
  return { type: 'unknown' };
}

function watchBase(client: ChainConnection): { outcome: Promise<WatchOutcome>; settle: (o: WatchOutcome) => void; settled: () => boolean; onStop: (f: () => void) => void } {
  let done = false;
  let resolve!: (o: WatchOutcome) => void;
  const outcome = new Promise<WatchOutcome>((r) => (resolve = r));
  const cleanups: (() => void)[] = [];
  const settle = (o: WatchOutcome) => {
    if (done) return;
    done = true;
    for (const f of cleanups) f();
    resolve(o);
  };
  cleanups.push(client.on('disconnected', () => settle({ kind: 'lost' })));
  return { outcome, settle, settled: () => done, onStop: (f) => cleanups.push(f) };
}

/**
 * Submits signed bytes with `author_submitAndWatchExtrinsic` and follows their status. The
 * subscription is the provider's own (not the decorated rpc, which would decode and re-encode).
 */
export function submitAndWatch(client: ChainConnection, hex: string, waitFor: WaitFor): Watch {
  const base = watchBase(client);
  let subscription: string | number | null = null;
  const unsubscribe = () => {
    if (subscription !== null && client.isConnected) {
      client.provider.unsubscribe('author_extrinsicUpdate', 'author_unwatchExtrinsic', subscription).catch(() => undefined);
    }
  };
  base.onStop(unsubscribe);
  const accepted = client.provider
    .subscribe('author_extrinsicUpdate', 'author_submitAndWatchExtrinsic', [hex], (error: Error | null, raw: unknown) => {
      if (error) return base.settle({ kind: 'error', error });
      const status = statusOf(raw);
      client.logger.trace({ status: status.type }, 'extrinsic status');
      switch (status.type) {
        case 'inBlock':
          if (waitFor === 'inBlock' && status.hash) base.settle({ kind: 'included', blockHash: status.hash, finalized: false });
          break;
        case 'finalized':
          if (status.hash) base.settle({ kind: 'included', blockHash: status.hash, finalized: true });
          break;
        case 'invalid':
        case 'dropped':
        case 'usurped':
        case 'finalityTimeout':
          base.settle({ kind: 'rejected', status: status.type });
          break;
        default: // future, ready, broadcast, retracted: keep waiting
      }
    })
    .then((id: string | number) => {
      subscription = id;
      if (base.settled()) unsubscribe();
    });
  accepted.catch((error: unknown) => base.settle({ kind: 'error', error }));
  return { accepted, outcome: base.outcome, stop: () => base.settle({ kind: 'lost' }) };
}

/**
 * Follows an extrinsic that the pool already holds but that no subscription of ours watches
 * (the node answered "already imported" to a resubmission): scans each new block for its hash.
 */
export function pollInclusion(client: ChainConnection, txHash: string, fromBlock: number): Watch {
  const base = watchBase(client);
  let scanning = false;
  let again = false;
  const scan = async (): Promise<void> => {
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      do {
        again = false;
        const found = await findExtrinsic(client.api, txHash, fromBlock);
        if (found) {
          base.settle({ kind: 'included', blockHash: found.blockHash, finalized: false });
          return;
        }
      } while (again && !base.settled());
    } catch (error) {
      base.settle({ kind: 'error', error });
    } finally {
      scanning = false;
    }
  };
  const accepted = client.api.rpc.chain
    .subscribeNewHeads(() => {
      void scan();
    })
    .then((unsub) => {
      if (base.settled()) unsub();
      else base.onStop(unsub);
    });
  accepted.catch((error: unknown) => base.settle({ kind: 'error', error }));
  return { accepted, outcome: base.outcome, stop: () => base.settle({ kind: 'lost' }) };
}
