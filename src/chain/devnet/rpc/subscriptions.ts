import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Unsubscribe } from './backend';
import { ErrorCode } from './json-rpc-schema';
import type { SubscriptionSink } from './method';
import { RpcError } from './rpc-error';

/**
 * The subscriptions of one WebSocket connection. Results emitted before the
 * subscribe call's response has gone out are held back, so a client always
 * sees the subscription id before the first notification for it.
 */
interface Entry {
  readonly notification: string;
  readonly watchedKeys: number;
  /** Set once `start` returned; called exactly once when the subscription ends. */
  stop: Unsubscribe | undefined;
  active: boolean;
  ending: boolean;
  closed: boolean;
  readonly pending: unknown[];
}

export interface OpenedSubscription {
  readonly id: string;
  /** Call after the subscribe response was sent: flushes held-back results. */
  activate(): void;
}

export interface SubscriptionManagerOptions {
  /** Sends one serialized notification on the connection. */
  readonly send: (text: string) => void;
  readonly maxSubscriptions: number;
  /** Storage keys all of the connection's subscriptions together read on every block. */
  readonly maxWatchedKeys: number;
  readonly logger: Logger;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 16-character random id, like jsonrpsee's `RandomStringIdProvider`. */
function randomId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

export class SubscriptionManager {
  readonly #entries = new Map<string, Entry>();
  readonly #options: SubscriptionManagerOptions;
  #closed = false;
  #watchedKeys = 0;

  constructor(options: SubscriptionManagerOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Opens a subscription whose results go out as `notification` messages. `start` may emit
   * synchronously; those results wait for `activate`. Throws what `start` throws.
   */
  open(notification: string, start: (sink: SubscriptionSink) => Unsubscribe, watchedKeys = 0): OpenedSubscription {
    if (this.#closed) throw new RpcError(ErrorCode.internalError, 'Internal error', 'connection is closed');
    const max = this.#options.maxSubscriptions;
    if (this.#entries.size >= max) {
      throw new RpcError(ErrorCode.tooManySubscriptions, 'Too many subscriptions on the connection', `Exceeded max limit of ${max}`);
    }
    // Each watched key is read on every block: bound the per-block work one connection asks for.
    const maxKeys = this.#options.maxWatchedKeys;
    if (this.#watchedKeys + watchedKeys > maxKeys) {
      throw new RpcError(ErrorCode.tooManySubscriptions, 'Too many subscriptions on the connection', `Exceeded max limit of ${maxKeys} watched storage keys`);
    }
    let id = randomId();
    while (this.#entries.has(id)) id = randomId();

    const entry: Entry = { notification, watchedKeys, stop: undefined, active: false, ending: false, closed: false, pending: [] };
    this.#entries.set(id, entry);
    this.#watchedKeys += watchedKeys;
    const sink: SubscriptionSink = {
      emit: (result) => {
        if (entry.closed || entry.ending) return;
        if (entry.active) this.#notify(id, entry, result);
        else entry.pending.push(result);
      },
      end: () => {
        if (entry.closed || entry.ending) return;
        entry.ending = true;
        if (entry.active) this.#finish(id, entry);
      },
    };

    try {
      entry.stop = start(sink);
    } catch (error) {
      entry.closed = true;
      this.#entries.delete(id);
      this.#watchedKeys -= watchedKeys;
      throw error;
    }

    return {
      id,
      activate: () => {
        if (entry.closed || entry.active) return;
        entry.active = true;
        for (const result of entry.pending.splice(0)) this.#notify(id, entry, result);
        if (entry.ending) this.#finish(id, entry);
      },
    };
  }

  /** Ends a subscription opened for `notification`; false when there is no such subscription. */
  close(notification: string, id: string): boolean {
    const entry = this.#entries.get(id);
    if (entry === undefined || entry.notification !== notification) return false;
    this.#finish(id, entry);
    return true;
  }

  /** Ends every subscription (the socket closed); later `open` calls fail. */
  closeAll(): void {
    this.#closed = true;
    for (const [id, entry] of [...this.#entries]) this.#finish(id, entry);
  }

  #notify(id: string, entry: Entry, result: unknown): void {
    let text: string;
    try {
      text = JSON.stringify({ jsonrpc: '2.0', method: entry.notification, params: { subscription: id, result } });
    } catch (error) {
      this.#options.logger.error({ err: error, notification: entry.notification }, 'cannot serialize a subscription result');
      return;
    }
    this.#options.send(text);
  }

  #finish(id: string, entry: Entry): void {
    if (entry.closed) return;
    entry.closed = true;
    entry.pending.length = 0;
    this.#entries.delete(id);
    this.#watchedKeys -= entry.watchedKeys;
    try {
      entry.stop?.();
    } catch (error) {
      this.#options.logger.error({ err: error, notification: entry.notification }, 'unsubscribing from the backend failed');
    }
  }
}
