import type { WeightsPath } from '../chain';
import type { ScoresTable } from '../scores';
import type { TimelockRevealSeen } from './weights-trace';

type MinerUids = Readonly<Record<'honest' | 'throttled' | 'cheater', number>>;

/** The last block at or before `block` on which the subnet's epoch ran (-1 before the first; tempo 0 never runs). */
export function lastEpochBlock(netuid: number, tempo: number, block: number): number {
  if (tempo === 0) return -1;
  const epochBlock = block - ((block + netuid + 2) % (tempo + 1));
  return epochBlock >= 0 ? epochBlock : -1;
}

/** The demo's bar: honest > throttled > cheater = 0 in the table's incentive. */
export function incentiveOrdered(table: ScoresTable, uids: MinerUids): boolean {
  const incentive = (uid: number) => table.rows.find((r) => r.uid === uid)?.incentive ?? Number.NaN;
  const [h, t, c] = [incentive(uids.honest), incentive(uids.throttled), incentive(uids.cheater)];
  return h > t && t > 0 && c === 0;
}

export function orderLine(table: ScoresTable, uids: MinerUids, ordered: boolean): string {
  const incentive = (uid: number) => (table.rows.find((r) => r.uid === uid)?.incentive ?? Number.NaN).toFixed(4);
  const figures = `honest ${incentive(uids.honest)}, throttled ${incentive(uids.throttled)}, cheater ${incentive(uids.cheater)}`;
  return ordered ? `✓ incentive ordered honest > throttled > cheater = 0 (${figures})` : `… incentive not ordered honest > throttled > cheater = 0 yet (${figures})`;
}

export function describePath(path: WeightsPath, commitRevealVersion: number | null, revealPeriodEpochs: number): string {
  if (path === 'commit_timelocked') {
    return `commit-reveal v${commitRevealVersion ?? '?'} is on (the chain's default): the validator commits its weights timelock-encrypted to a drand round, and the chain decrypts and applies them ${revealPeriodEpochs} epoch(s) later`;
  }
  if (path === 'commit_reveal_v2') return 'commit-reveal v2 is on: the validator commits a hash of its weights and reveals them in a later epoch';
  return 'commit-reveal is off on this subnet: the validator sets its weights directly';
}

/** Where the weights behind a table's incentive came from. */
export function weightsLine(path: WeightsPath | null, reveal: TimelockRevealSeen | null, epochBlock: number): string {
  if (path !== 'commit_timelocked') return `incentive from the epoch at block #${epochBlock}`;
  if (!reveal) return `incentive from the epoch at block #${epochBlock}: no timelocked commit of this validator revealed by then`;
  const commit = reveal.commit ? `for round ${reveal.commit.revealRound} (block #${reveal.commit.block})` : '(before this run)';
  return `incentive from the epoch at block #${epochBlock}: weights committed timelocked ${commit}, revealed at block #${reveal.revealBlock}`;
}
