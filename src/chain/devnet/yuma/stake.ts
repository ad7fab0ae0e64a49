import { maskVector, normalize } from './vector';

/**
 * Stake S: raw stake below the threshold counts as 0 (the owner's never does), then the
 * vector is normalized to sum 1 (all zeros if nobody holds stake).
 */
export function filteredStake(stake: readonly bigint[], threshold: bigint, ownerUid: number | null): number[] {
  const kept = stake.map((s, uid) => (uid !== ownerUid && s < threshold ? 0n : s));
  const total = kept.reduce((a, s) => a + s, 0n);
  if (total === 0n) return kept.map(() => 0);
  const denominator = Number(total);
  return kept.map((s) => Number(s) / denominator);
}

/** A uid is active while lastUpdate + activityCutoff ≥ currentBlock (subtensor masks `<` as inactive). */
export function activeMask(lastUpdate: readonly number[], activityCutoff: number, currentBlock: number): boolean[] {
  return lastUpdate.map((updated) => updated + activityCutoff >= currentBlock);
}

/**
 * `is_topk_nonzero` plus the owner: a uid gets a permit if its stake is non-zero and among the
 * k largest. Ties fall to the higher uid, because subtensor sorts ascending with a stable sort
 * and strips the first n − k. The owner's uid always gets a permit, on top of the k.
 */
export function newValidatorPermits(stake: readonly number[], k: number, ownerUid: number | null): boolean[] {
  const n = stake.length;
  const permits = stake.map((s) => s !== 0);
  if (n >= k) {
    const ascending = stake.map((_, i) => i).sort((a, b) => (stake[a] ?? 0) - (stake[b] ?? 0) || a - b);
    for (const uid of ascending.slice(0, n - k)) permits[uid] = false;
  }
  if (ownerUid !== null) permits[ownerUid] = true;
  return permits;
}

/** Stake of active, permitted validators, renormalized. */
export function activeStake(stake: readonly number[], active: readonly boolean[], permitted: readonly boolean[]): number[] {
  const masked = maskVector(
    stake,
    stake.map((_, i) => active[i] !== true || permitted[i] !== true),
  );
  return normalize(masked);
}
