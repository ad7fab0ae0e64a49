import type { Socket } from 'node:net';

/**
 * The TCP connections of the RPC port (HTTP and WebSocket alike), bounded in total and per
 * remote address. When a bound is reached, the newcomer takes the place of the connection in
 * that bound's scope that has been quiet longest, provided it is idle (no request in flight,
 * no subscription) and has been quiet for `minQuietMs`; only when there is none is the
 * newcomer refused. So connections that are opened and then left idle cannot lock new
 * clients out, while a client that uses its connection (or holds a subscription) keeps it.
 */
export interface ConnectionRegistryOptions {
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  /** A connection must have been quiet this long before a newcomer may replace it. */
  readonly minQuietMs: number;
  readonly now?: () => number;
}

export interface TrackedConnection {
  readonly address: string;
  /** Records activity (a request arrived). */
  touch(): void;
  /** Called to tell whether the connection is busy (in-flight request, live subscription); busy ones are never evicted. */
  setBusyCheck(isBusy: () => boolean): void;
  /** How to close it when it is evicted (default: destroy the socket). */
  setEvict(evict: () => void): void;
}

interface Entry extends TrackedConnection {
  readonly socket: Socket;
  lastActive: number;
  isBusy: () => boolean;
  evict: () => void;
}

export type AdmitResult = { readonly admitted: true; readonly connection: TrackedConnection; readonly evicted: number } | { readonly admitted: false; readonly reason: 'total' | 'address' };

export class ConnectionRegistry {
  readonly #entries = new Map<Socket, Entry>();
  readonly #byAddress = new Map<string, Set<Entry>>();
  readonly #now: () => number;

  constructor(private readonly options: ConnectionRegistryOptions) {
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  countFor(address: string): number {
    return this.#byAddress.get(address)?.size ?? 0;
  }

  /** Admits a new socket, evicting an idle connection when a bound is reached; removes it again on 'close'. */
  admit(socket: Socket): AdmitResult {
    const address = socket.remoteAddress ?? 'unknown';
    let evicted = 0;
    const sameAddress = this.#byAddress.get(address);
    if ((sameAddress?.size ?? 0) >= this.options.maxConnectionsPerAddress) {
      if (!this.#evictOne(sameAddress!)) return { admitted: false, reason: 'address' };
      evicted++;
    }
    if (this.#entries.size >= this.options.maxConnections) {
      if (!this.#evictOne(this.#largestGroup())) return { admitted: false, reason: 'total' };
      evicted++;
    }
    const entry: Entry = {
      socket,
      address,
      lastActive: this.#now(),
      isBusy: () => false,
      evict: () => socket.destroy(),
      touch: () => {
        entry.lastActive = this.#now();
      },
      setBusyCheck: (isBusy) => {
        entry.isBusy = isBusy;
      },
      setEvict: (evict) => {
        entry.evict = evict;
      },
    };
    this.#entries.set(socket, entry);
    let group = this.#byAddress.get(address);
    if (group === undefined) this.#byAddress.set(address, (group = new Set()));
    group.add(entry);
    socket.once('close', () => this.#remove(socket, entry));
    return { admitted: true, connection: entry, evicted };
  }

  /** The connections of the address holding the most; a flood from one address is evicted before anyone else. */
  #largestGroup(): Iterable<Entry> {
    let largest: Set<Entry> | undefined;
    for (const group of this.#byAddress.values()) if (largest === undefined || group.size > largest.size) largest = group;
    // When the largest group has nothing idle, any idle connection will do.
    const idle = largest && [...largest].some((entry) => this.#evictable(entry));
    return idle ? largest! : this.#entries.values();
  }

  #evictable(entry: Entry): boolean {
    return this.#now() - entry.lastActive >= this.options.minQuietMs && !entry.isBusy();
  }

  #evictOne(scope: Iterable<Entry>): boolean {
    let oldest: Entry | undefined;
    for (const entry of scope) {
      if (this.#evictable(entry) && (oldest === undefined || entry.lastActive < oldest.lastActive)) oldest = entry;
    }
    if (oldest === undefined) return false;
    this.#remove(oldest.socket, oldest);
    oldest.evict();
    return true;
  }

  #remove(socket: Socket, entry: Entry): void {
    if (this.#entries.get(socket) !== entry) return;
    this.#entries.delete(socket);
    const group = this.#byAddress.get(entry.address);
    group?.delete(entry);
    if (group?.size === 0) this.#byAddress.delete(entry.address);
  }
}
