import type { ServerResponse } from 'node:http';

/**
 * The open Server-Sent Events streams, bounded so that nobody can hold them all: a new
 * viewer is always served, and takes the place of the oldest stream of its own address
 * when that address has `maxPerAddress`, or of the address holding the most streams when
 * `maxClients` are open. Streams also end after `maxLifetimeMs`, and as soon as more than
 * `maxBufferedBytes` wait to be sent to a client that does not read. A browser's
 * EventSource reconnects by itself (after the `retry:` delay) and gets the current
 * snapshot at once, so for a real viewer an ended stream is a short pause.
 */
export interface StreamClientsOptions {
  readonly maxClients: number;
  readonly maxPerAddress: number;
  readonly maxLifetimeMs: number;
  readonly maxBufferedBytes: number;
  readonly now?: () => number;
}

interface Stream {
  readonly res: ServerResponse;
  readonly address: string;
  readonly openedAt: number;
}

export class StreamClients {
  readonly #streams = new Set<Stream>();
  readonly #now: () => number;

  constructor(private readonly options: StreamClientsOptions) {
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#streams.size;
  }

  /** Registers an open stream; returns how many older streams it replaced. */
  add(res: ServerResponse, address: string): number {
    let replaced = 0;
    const mine = [...this.#streams].filter((s) => s.address === address);
    if (mine.length >= this.options.maxPerAddress) {
      this.#end(mine[0]!);
      replaced++;
    }
    if (this.#streams.size >= this.options.maxClients) {
      this.#end(this.#oldestOfLargestAddress());
      replaced++;
    }
    const stream: Stream = { res, address, openedAt: this.#now() };
    this.#streams.add(stream);
    const drop = (): void => {
      this.#streams.delete(stream);
    };
    res.once('close', drop);
    res.once('error', drop);
    return replaced;
  }

  /** Writes `text` to every stream; ends the ones that stopped reading. */
  broadcast(text: string): void {
    for (const stream of [...this.#streams]) this.send(stream.res, text);
  }

  /** Writes `text` to one stream, ending it if too much is waiting to be sent. */
  send(res: ServerResponse, text: string): void {
    if (res.writableLength + Buffer.byteLength(text) > this.options.maxBufferedBytes) {
      const stream = [...this.#streams].find((s) => s.res === res);
      if (stream) this.#end(stream);
      else res.destroy();
      return;
    }
    res.write(text);
  }

  /** Ends the streams older than `maxLifetimeMs`. */
  sweep(): void {
    const cutoff = this.#now() - this.options.maxLifetimeMs;
    for (const stream of [...this.#streams]) if (stream.openedAt <= cutoff) this.#end(stream);
  }

  closeAll(): void {
    for (const stream of [...this.#streams]) this.#end(stream);
  }

  #oldestOfLargestAddress(): Stream {
    const byAddress = new Map<string, Stream[]>();
    for (const stream of this.#streams) {
      const list = byAddress.get(stream.address) ?? [];
      list.push(stream);
      byAddress.set(stream.address, list);
    }
    let largest: Stream[] = [];
    for (const list of byAddress.values()) if (list.length > largest.length) largest = list;
    // Sets iterate in insertion order, so the first is the oldest.
    return largest[0]!;
  }

  #end(stream: Stream): void {
    this.#streams.delete(stream);
    // A client that does not read would keep end() pending forever: destroy it.
    if (stream.res.writableLength > 0) stream.res.destroy();
    else stream.res.end();
  }
}
