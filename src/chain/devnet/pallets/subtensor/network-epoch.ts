/**
 * Subtensor's tempo arithmetic for this metadata lineage (no `LastEpochBlock`): a subnet's
 * epoch runs when `(block + netuid + 1) % (tempo + 1) == 0`; tempo 0 never runs.
 */

/** Blocks until the subnet's next epoch block (0 on the epoch block itself). */
export function blocksUntilNextEpoch(netuid: number, tempo: number, block: number): number {
  if (tempo === 0) return Number.MAX_SAFE_INTEGER;
  return tempo - ((block + netuid + 1) % (tempo + 1));
}

/** Which epoch the block falls in (`get_epoch_index`): the commitments space limit resets per epoch. */
export function epochIndex(netuid: number, tempo: number, block: number): number {
  return Math.floor((block + netuid + 1) / (tempo + 1));
}
