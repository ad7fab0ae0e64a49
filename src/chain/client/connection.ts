import type { ApiPromise, WsProvider } from '@polkadot/api';
import type { Logger } from '../../logging';
import type { NonceQueue } from './nonce-queue';

/** What the client emits about its connection. */
export type ChainClientEvent = 'disconnected' | 'reconnected' | 'closed';

/**
 * The part of a chain connection that submitting and watching a transaction use. ChainClient
 * implements it; submit.ts and watch.ts depend on it alone, so the client uses them without a
 * cycle.
 */
export interface ChainConnection {
  readonly api: ApiPromise;
  readonly provider: WsProvider;
  readonly logger: Logger;
  readonly nonces: NonceQueue;
  readonly isConnected: boolean;
  /** Subscribes to a connection event; returns the unsubscribe. */
  on(event: ChainClientEvent, listener: () => void): () => void;
  /** Resolves once connected (at once when it is), rejects after `timeoutMs` or when the client closes. */
  waitConnected(timeoutMs: number): Promise<void>;
}
