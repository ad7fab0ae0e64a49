/** Default: how long an accepted (sender, uuid) is remembered, measured from its timestamp. */
export const DEFAULT_REPLAY_WINDOW_MS = 30_000;
/** Default: the most (sender, uuid) pairs remembered at once. */
export const DEFAULT_REPLAY_MAX_ENTRIES = 100_000;

/**
 * Remembers accepted (sender, uuid) pairs so that a captured request cannot be replayed.
 *
 * An entry lives until its timestamp + windowMs. A request whose timestamp + windowMs has
 * passed is refused outright (it can no longer be told apart from a forgotten one), so the
 * guard is safe with any window; the window must be at least the receiver's maxSkewMs only so
 * that honest requests near the skew limit are not refused.
 *
 * Memory is bounded by maxEntries: when full, the oldest-inserted entry is evicted. Evicting an
 * entry that has not expired raises a floor, and every request whose timestamp is at or below
 * the floor is refused from then on, so eviction under a flood never re-opens a replay; it can
 * only refuse some honest but older requests until the floor falls out of the window.
 */
export class ReplayGuard {
  readonly windowMs: number;
  readonly maxEntries: number;
  /** key → timestampMs of the accepted request; Map order is insertion order. */
  readonly #seen = new Map<string, number>();
  #floorMs = Number.NEGATIVE_INFINITY;

  constructor(options: { windowMs?: number; maxEntries?: number } = {}) {
    const windowMs = options.windowMs ?? DEFAULT_REPLAY_WINDOW_MS;
    const maxEntries = options.maxEntries ?? DEFAULT_REPLAY_MAX_ENTRIES;
    if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`windowMs must be a positive number, got ${windowMs}`);
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    this.windowMs = windowMs;
    this.maxEntries = maxEntries;
  }

  /** How many pairs are remembered (expired ones are dropped lazily, oldest-inserted first). */
  get size(): number {
    return this.#seen.size;
  }

  /** True when (sender, uuid) is new within the window; records it. False: replayed, or too old to tell. */
  accept(sender: string, uuid: string, timestampMs: number, nowMs: number): boolean {
    this.#sweep(nowMs);
    if (!Number.isFinite(timestampMs) || timestampMs + this.windowMs <= nowMs) return false;
    if (timestampMs <= this.#floorMs) return false;
    const key = `${sender}\n${uuid.toLowerCase()}`;
    const previous = this.#seen.get(key);
    if (previous !== undefined) {
      if (previous + this.windowMs > nowMs) return false;
      this.#seen.delete(key);
    }
    while (this.#seen.size >= this.maxEntries) this.#evictOldest(nowMs);
    this.#seen.set(key, timestampMs);
    return true;
  }

  /** Drops expired entries from the front (oldest-inserted) until one that is still live. */
  #sweep(nowMs: number): void {
    for (const [key, timestampMs] of this.#seen) {
      if (timestampMs + this.windowMs > nowMs) break;
      this.#seen.delete(key);
    }
  }

  #evictOldest(nowMs: number): void {
    const first = this.#seen.entries().next();
    if (first.done) return;
    const [key, timestampMs] = first.value;
    this.#seen.delete(key);
    if (timestampMs + this.windowMs > nowMs) this.#floorMs = Math.max(this.#floorMs, timestampMs);
  }
}
