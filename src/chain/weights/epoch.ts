/**
 * Subtensor's tempo arithmetic (the rule before `LastEpochBlock`, weights.rs
 * `get_epoch_index`, run_coinbase.rs `blocks_until_next_epoch`): block `b` of subnet
 * `netuid` with tempo `T` is in epoch ⌊(b + netuid + 1) / (T + 1)⌋, and the subnet's epoch
 * runs where `blocks_until_next_epoch` = T − (b + netuid + 1) mod (T + 1) is 0, i.e. on the
 * last block of each epoch index; the next block starts the next epoch.
 */

export function epochIndex(netuid: number, tempo: number, block: number): number {
  return Math.floor((block + netuid + 1) / (tempo + 1));
}

/** Blocks from `block` to the subnet's next epoch block (0 on it); Infinity for tempo 0. */
//
// Tempo 0 never runs: subtensor answers u64::MAX blocks (run_coinbase.rs), which here is
// Infinity, so every `=== 0` and `< window` comparison reads "never", as on chain.
export function blocksUntilNextEpoch(netuid: number, tempo: number, block: number): number {
  if (tempo === 0) return Number.POSITIVE_INFINITY;
  return tempo - ((block + netuid + 1) % (tempo + 1));
}

/** The first and last block of epoch `epoch`. */
export function epochBlocks(netuid: number, tempo: number, epoch: number): { firstBlock: number; lastBlock: number } {
  const firstBlock = Math.max(0, epoch * (tempo + 1) - (netuid + 1));
  return { firstBlock, lastBlock: epoch * (tempo + 1) - (netuid + 1) + tempo };
}

export interface RevealWindow {
  /** The epoch of the commit's block */
  readonly commitEpoch: number;
  /** commitEpoch + RevealPeriodEpochs: the only epoch in which the reveal is accepted */
  readonly revealEpoch: number;
  /** First block that may include the reveal */
  readonly firstBlock: number;
  /** Last block that may include the reveal; after it the commit has expired */
  readonly lastBlock: number;
}

/** When a v2 commit made in `commitBlock` may be revealed (weights.rs `get_reveal_blocks`, `is_reveal_block_range`). */
export function revealWindow(netuid: number, tempo: number, revealPeriodEpochs: number, commitBlock: number): RevealWindow {
  const commitEpoch = epochIndex(netuid, tempo, commitBlock);
  const revealEpoch = commitEpoch + revealPeriodEpochs;
  return { commitEpoch, revealEpoch, ...epochBlocks(netuid, tempo, revealEpoch) };
}
