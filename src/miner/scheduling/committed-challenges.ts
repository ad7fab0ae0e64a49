import type { MerkleTree } from '../../pog';
import type { WorkloadParams } from '../../pog';

/** A challenge this miner committed to: kept so that its validator can audit it. */
export interface CommittedChallenge {
  /** ss58 of the validator that sent it: only it may audit. */
  readonly validator: string;
  /** Lowercase hex, as on the wire. */
  readonly challengeId: string;
  readonly params: WorkloadParams;
  readonly tree: MerkleTree;
  /** Date.now() when the commitment was sent. */
  readonly committedAtMs: number;
}

export interface CommittedChallengesOptions {
  /** An entry older than this is gone: audits must follow their commitment promptly. */
  readonly ttlMs: number;
  /** The most recent challenges kept per validator; older ones are dropped first. */
  readonly perValidator: number;
  /** Bound on the bytes held (outputs plus tree levels) over all validators; the oldest go first. */
  readonly maxBytes: number;
  readonly now?: () => number;
}

/** Bytes an entry holds: the committed output and every tree level. */
export function committedBytes(tree: MerkleTree): number {
  return tree.output.byteLength + tree.levels.reduce((sum, level) => sum + level.byteLength, 0);
}

const keyOf = (validator: string, challengeId: string) => `${validator}/${challengeId}`;

/**
 * The output rows and Merkle trees of the last challenges, per validator, bounded three ways:
 * a TTL, a count per validator and total bytes. Insertion order is age order, so eviction
 * walks the map from its start.
 */
export class CommittedChallenges {
  private readonly entries = new Map<string, CommittedChallenge & { readonly bytes: number }>();
  private totalBytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: CommittedChallengesOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    this.prune();
    return this.entries.size;
  }

  get bytes(): number {
    this.prune();
    return this.totalBytes;
  }

  /** Keeps `entry`, replacing one with the same validator and challenge id, then enforces the bounds. */
  add(entry: CommittedChallenge): void {
    this.delete(entry.validator, entry.challengeId);
    const bytes = committedBytes(entry.tree);
    this.entries.set(keyOf(entry.validator, entry.challengeId), { ...entry, bytes });
    this.totalBytes += bytes;
    this.prune();
    const own = [...this.entries.values()].filter((e) => e.validator === entry.validator);
    for (const old of own.slice(0, Math.max(0, own.length - this.options.perValidator))) this.delete(old.validator, old.challengeId);
    for (const oldest of this.entries.values()) {
      if (this.totalBytes <= this.options.maxBytes || this.entries.size <= 1) break;
      this.delete(oldest.validator, oldest.challengeId);
    }
  }

  /** The challenge `validator` sent with this id, if it is still held. */
  get(validator: string, challengeId: string): CommittedChallenge | undefined {
    this.prune();
    return this.entries.get(keyOf(validator, challengeId));
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  private delete(validator: string, challengeId: string): void {
    const key = keyOf(validator, challengeId);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  private prune(): void {
    const cutoff = this.now() - this.options.ttlMs;
    for (const entry of this.entries.values()) {
      if (entry.committedAtMs > cutoff) break;
      this.delete(entry.validator, entry.challengeId);
    }
  }
}
