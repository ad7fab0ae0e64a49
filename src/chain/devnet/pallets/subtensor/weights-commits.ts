import type { TypedStorage } from '../../state/typed-storage';
import { epochIndex, tempoOf } from './epoch-schedule';
import { num } from './subnet-state';

/**
 * Commit-reveal v2 bookkeeping as subtensor kept it before its stateful epoch counter
 * (weights.rs `get_reveal_blocks`, `is_commit_expired`, `is_reveal_block_range`): a commit is
 * stored as (hash, commit_block, first_reveal_block, last_reveal_block) and may be revealed
 * only while the current epoch index is exactly commit_epoch + RevealPeriodEpochs.
 */
const P = 'SubtensorModule';

/** Unrevealed commits a hotkey may hold on a subnet (weights.rs: `commits.len() < 10`). */
export const MAX_UNREVEALED_COMMITS = 10;

export interface WeightCommit {
  readonly hash: string;
  readonly commitBlock: number;
  readonly firstRevealBlock: number;
  readonly lastRevealBlock: number;
}

export function readCommits(s: TypedStorage, netuid: number, hotkey: string): WeightCommit[] | null {
  const raw = s.get(P, 'WeightCommits', [netuid, hotkey]);
  if (raw === null) return null;
  return (raw.toJSON() as [string, number, number, number][]).map(([hash, commitBlock, first, last]) => ({
    hash,
    commitBlock: Number(commitBlock),
    firstRevealBlock: Number(first),
    lastRevealBlock: Number(last),
  }));
}

/** Stores the queue, or removes the entry when it is empty (`try_mutate_exists` with None). */
export function writeCommits(s: TypedStorage, netuid: number, hotkey: string, commits: readonly WeightCommit[]): void {
  if (commits.length === 0) s.remove(P, 'WeightCommits', [netuid, hotkey]);
  else s.set(P, 'WeightCommits', [netuid, hotkey], commits.map((c) => [c.hash, c.commitBlock, c.firstRevealBlock, c.lastRevealBlock]));
}

export function revealPeriod(s: TypedStorage, netuid: number): number {
  return num(s.get(P, 'RevealPeriodEpochs', [netuid]));
}

/** The first and last block of the epoch in which a commit made at `commitBlock` is revealed. */
export function revealBlocks(s: TypedStorage, netuid: number, commitBlock: number): [number, number] {
  const tempo = tempoOf(s, netuid);
  const revealEpoch = epochIndex(netuid, tempo, commitBlock) + revealPeriod(s, netuid);
  const first = Math.max(0, revealEpoch * (tempo + 1) - (netuid + 1));
  return [first, first + tempo];
}

function epochsPastCommit(s: TypedStorage, netuid: number, commitBlock: number, now: number): number {
  const tempo = tempoOf(s, netuid);
  return epochIndex(netuid, tempo, now) - epochIndex(netuid, tempo, commitBlock);
}

export function isCommitExpired(s: TypedStorage, netuid: number, commitBlock: number, now: number): boolean {
  return epochsPastCommit(s, netuid, commitBlock, now) > revealPeriod(s, netuid);
}

export function isRevealEpoch(s: TypedStorage, netuid: number, commitBlock: number, now: number): boolean {
  return epochsPastCommit(s, netuid, commitBlock, now) === revealPeriod(s, netuid);
}
