import { EventEmitter } from 'node:events';
import type { ApiPromise, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../../logging';
import { ChainClientClosedError, ChainUnreachableError } from './errors';
import { NonceQueue } from './nonce-queue';
import type { ChainClientEvent, ChainConnection } from './connection';
import { submit, type SubmitOptions, type SubmitResult } from './submit';

export type { ChainClientEvent } from './connection';

/**
 * A connection to a subtensor node: `api` (an `ApiPromise` over a `WsProvider` that
 * reconnects by itself), a per-signer nonce queue, connection events and `submit`.
 * Create it with `connectChain`.
 */
export class ChainClient implements ChainConnection {
  readonly nonces: NonceQueue;
  readonly #events = new EventEmitter();
  #connected = true;
  #closed = false;
  #disconnectedAt = 0;

  constructor(
    readonly api: ApiPromise,
    readonly provider: WsProvider,
    /** The endpoint as given (use `logEndpoint` in logs). */
    readonly endpoint: string,
    readonly logger: Logger,
  ) {
    this.nonces = new NonceQueue(async (address) => (await api.rpc.system.accountNextIndex(address)).toNumber());
    this.#events.setMaxListeners(0);
    provider.on('disconnected', () => {
      if (this.#closed || !this.#connected) return;
      this.#connected = false;
      this.#disconnectedAt = Date.now();
      logger.warn('lost the connection to the chain; reconnecting');
      this.#events.emit('disconnected');
    });
    provider.on('connected', () => {
      if (this.#closed || this.#connected) return;
      this.#connected = true;
      logger.info({ downMs: Date.now() - this.#disconnectedAt }, 'reconnected to the chain');
      this.#events.emit('reconnected');
    });
    provider.on('error', () => {
      if (!this.#closed && !this.#connected) logger.debug('reconnection attempt failed');
    });
  }

  /** Whether the WebSocket is open now. */
  get isConnected(): boolean {
    return this.#connected && !this.#closed;
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Listens for `disconnected` / `reconnected`; returns the function that stops listening. */
  on(event: ChainClientEvent, listener: () => void): () => void {
    this.#events.on(event, listener);
    return () => this.#events.off(event, listener);
  }

  /**
   * Resolves once the connection is up: at once when it is, else on reconnection. Rejects
   * with {@link ChainUnreachableError} when it is not back within `timeoutMs`.
   */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.#closed) return Promise.reject(new ChainClientClosedError(this.endpoint));
    if (this.#connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        offReconnected();
        offClosed();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new ChainUnreachableError(this.endpoint, 1, `the connection was lost and did not come back within ${timeoutMs} ms`)), Math.max(0, timeoutMs));
      const offReconnected = this.on('reconnected', () => finish());
      // Closing gives up on the connection: whoever waits for it fails now, not at its deadline.
      const offClosed = this.on('closed', () => finish(new ChainClientClosedError(this.endpoint)));
    });
  }

  /** Signs `tx` with the signer's next nonce, submits it and waits for its block. See {@link submit}. */
  submit(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, options: SubmitOptions = {}): Promise<SubmitResult> {
    return submit(this, tx, signer, options);
  }

  /**
   * Closes the connection for good (no reconnection). Calls waiting for a lost connection to
   * come back (`waitConnected`, a `submit` in flight) fail at once with ChainClientClosedError,
   * so a service can stop promptly when its chain went away.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#events.emit('closed');
    this.#events.removeAllListeners();
    const closed = this.#connected
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          const off = this.provider.on('disconnected', () => {
            clearTimeout(timer);
            off();
            resolve();
          });
        })
      : Promise.resolve();
    await this.api.disconnect().catch(() => undefined);
    await closed;
    this.logger.debug('chain connection closed');
  }
}
