/** A model held for jobs: its bytes, what onnxruntime named its inputs and outputs, who uploaded it. */
export interface CachedModel {
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The validator whose upload stored it: its bytes count against that validator's share. */
  readonly owner: string;
}

/**
 * Models held in memory by SHA-256, bytes-bounded in total and per uploader, least recently
 * used evicted first. Content-addressed, so a model one validator uploaded serves every
 * validator's jobs; its bytes count against its uploader. Room for a new model is made from
 * the uploader's own models while it is over its share, then from whichever validator holds
 * the most bytes, so one validator's uploads cannot push out everyone else's. Not persisted:
 * a restarted miner answers 409 model_missing and the gateway uploads again.
 */
export class ModelCache {
  /** Map order is recency order: the first entry is the least recently used. */
  private readonly models = new Map<string, CachedModel>();
  private readonly ownerBytes = new Map<string, number>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    readonly perOwnerBytes: number,
  ) {}

  /** The model, marked as just used; undefined when it is not held. */
  get(hash: string): CachedModel | undefined {
    const model = this.models.get(hash);
    if (model) {
      this.models.delete(hash);
      this.models.set(hash, model);
    }
    return model;
  }

  has(hash: string): boolean {
    return this.models.has(hash);
  }

  /** Whether a model of `bytes` can be held at all. */
  fits(bytes: number): boolean {
    return bytes <= this.perOwnerBytes && bytes <= this.maxBytes;
  }

  /** Stores `model` (a no-op when its hash is held), evicting as above; returns the hashes evicted. */
  add(model: CachedModel): string[] {
    if (this.models.has(model.hash)) return [];
    const size = model.bytes.byteLength;
    if (!this.fits(size)) throw new RangeError(`a model of ${size} bytes does not fit the cache`);
    const evicted: string[] = [];
    while (this.bytesOf(model.owner) + size > this.perOwnerBytes) evicted.push(this.evictOldestOf(model.owner));
    while (this.total + size > this.maxBytes) evicted.push(this.evictOldestOf(this.largestOwner()));
    this.models.set(model.hash, model);
    this.charge(model.owner, size);
    return evicted;
  }

  bytesOf(owner: string): number {
    return this.ownerBytes.get(owner) ?? 0;
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.models.size;
  }

  private largestOwner(): string {
    let best = '';
    let bestBytes = -1;
    for (const [owner, bytes] of this.ownerBytes) if (bytes > bestBytes) [best, bestBytes] = [owner, bytes];
    return best;
  }

  private evictOldestOf(owner: string): string {
    for (const [hash, model] of this.models) {
      if (model.owner !== owner) continue;
      this.models.delete(hash);
      this.charge(owner, -model.bytes.byteLength);
      return hash;
    }
    throw new Error(`the cache holds nothing of ${owner} to evict`);
  }

  private charge(owner: string, delta: number): void {
    const n = this.bytesOf(owner) + delta;
    if (n > 0) this.ownerBytes.set(owner, n);
    else this.ownerBytes.delete(owner);
    this.total += delta;
  }
}
