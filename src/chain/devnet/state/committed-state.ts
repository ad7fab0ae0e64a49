import type { HexKey } from './hex-key';
import type { StateReader } from './state-overlay';

/** One block's effect on the state: for each changed key, the value before and after (null = absent). */
export type BlockDiff = Map<HexKey, { readonly before: Uint8Array | null; readonly after: Uint8Array | null }>;

/**
 * The state at the best block, plus the diffs of recent blocks so that queries at an
 * earlier block hash (polkadot.js reads events at the inclusion block) can be answered.
 */
export class CommittedState implements StateReader {
  private readonly values = new Map<HexKey, Uint8Array>();
  private sortedKeys: HexKey[] | null = null;
  /** diffs[i] turned block (firstDiffBlock + i - 1) into block (firstDiffBlock + i). */
  private diffs: BlockDiff[] = [];
  private firstDiffBlock = 0;
  private head = 0;

  constructor(private readonly historyDepth: number) {}

  get headNumber(): number {
    return this.head;
  }

  /** The oldest block whose state can still be read. */
  get oldestReadable(): number {
    return this.head - this.diffs.length;
  }

  get(key: HexKey): Uint8Array | undefined {
    return this.values.get(key);
  }

  get size(): number {
    return this.values.size;
  }

  keysWithPrefix(prefix: HexKey): HexKey[] {
    return this.headKeysPaged(prefix, Number.POSITIVE_INFINITY);
  }

  /** Index of the first sorted key ≥ `key`. */
  private lowerBound(keys: readonly HexKey[], key: string): number {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** At most `count` head keys with `prefix`, sorted, strictly after `startKey`: O(log n + count), not O(n). */
  private headKeysPaged(prefix: HexKey, count: number, startKey?: string): HexKey[] {
    const keys = this.sorted();
    let i = this.lowerBound(keys, startKey !== undefined && startKey > prefix ? startKey : prefix);
    if (startKey !== undefined && keys[i] === startKey) i++;
    const out: HexKey[] = [];
    for (; i < keys.length && out.length < count && keys[i]!.startsWith(prefix); i++) out.push(keys[i]!);
    return out;
  }

  /** `state_getKeysPaged` at block `number`. */
  keysPagedAt(prefix: HexKey, count: number, startKey: string | undefined, number: number): HexKey[] {
    if (number >= this.head) return this.headKeysPaged(prefix, count, startKey);
    const out: HexKey[] = [];
    for (const k of this.keysAt(prefix, number)) {
      if (startKey !== undefined && k <= startKey) continue;
      out.push(k);
      if (out.length >= count) break;
    }
    return out;
  }

  /** Value of `key` at block `number` (head when omitted); undefined when absent. */
  getAt(key: HexKey, number: number): Uint8Array | undefined {
    if (number >= this.head) return this.values.get(key);
    if (number < this.oldestReadable) throw new RangeError(`state of block ${number} was discarded`);
    // The first change after `number` holds the value the key had at `number`.
    for (let b = number + 1; b <= this.head; b++) {
      const change = this.diffs[b - this.firstDiffBlock]?.get(key);
      if (change) return change.before ?? undefined;
    }
    return this.values.get(key);
  }

  /** Sorted keys with `prefix` at block `number`. */
  keysAt(prefix: HexKey, number: number): HexKey[] {
    if (number >= this.head) return this.keysWithPrefix(prefix);
    if (number < this.oldestReadable) throw new RangeError(`state of block ${number} was discarded`);
    const keys = new Set(this.keysWithPrefix(prefix));
    for (let b = this.head; b > number; b--) {
      for (const [k, c] of this.diffs[b - this.firstDiffBlock] ?? []) {
        if (!k.startsWith(prefix)) continue;
        if (c.before === null) keys.delete(k);
        else keys.add(k);
      }
    }
    return [...keys].sort();
  }

  /** Applies block `number`'s changes and returns its diff. */
  apply(number: number, changes: Map<HexKey, Uint8Array | null>): BlockDiff {
    if (number !== this.head + 1 && !(number === 0 && this.head === 0)) {
      throw new Error(`block ${number} does not follow ${this.head}`);
    }
    const diff: BlockDiff = new Map();
    for (const [k, after] of changes) {
      const before = this.values.get(k) ?? null;
      if (before === after || (before && after && bytesEqual(before, after))) continue;
      diff.set(k, { before, after });
      if (after === null) {
        this.values.delete(k);
        if (before !== null) this.sortedKeys = null;
      } else {
        if (before === null) this.sortedKeys = null;
        this.values.set(k, after);
      }
    }
    if (number > 0) {
      if (this.diffs.length === 0) this.firstDiffBlock = number;
      this.diffs.push(diff);
      if (this.diffs.length > this.historyDepth) {
        this.diffs.shift();
        this.firstDiffBlock++;
      }
    }
    this.head = number;
    return diff;
  }

  /** Replaces everything with a snapshot's state at block `number` (no history before it). */
  load(number: number, entries: Iterable<[HexKey, Uint8Array]>): void {
    this.values.clear();
    for (const [k, v] of entries) this.values.set(k, v);
    this.sortedKeys = null;
    this.diffs = [];
    this.head = number;
  }

  /** Every key and value, for snapshots. */
  entries(): IterableIterator<[HexKey, Uint8Array]> {
    return this.values.entries();
  }

  private sorted(): HexKey[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.values.keys()].sort();
    return this.sortedKeys;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
