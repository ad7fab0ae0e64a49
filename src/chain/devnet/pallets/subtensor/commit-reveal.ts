import { commitHashV2 } from '../../../weights/commit-hash';
import type { CallArgs, CallContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { networkExists, setUidVectorEntry, uidOf, uidVector } from './subnet-state';
import { u16Arg, u16List, u64Arg } from './weights-args';
import {
  MAX_UNREVEALED_COMMITS,
  isCommitExpired,
  isRevealEpoch,
  readCommits,
  revealBlocks,
  writeCommits,
  type WeightCommit,
} from './weights-commits';
import { commitRevealEnabled, rateLimitPasses } from './weights-rules';
import { applyWeights } from './weights-set';

/**
 * Commit-reveal v2 (weights.rs `internal_commit_weights` / `internal_reveal_weights`), both
 * `Pays::No`: a hotkey commits blake2(who, netuid, uids, values, salt, version_key) and reveals
 * the preimage in the epoch `RevealPeriodEpochs` after the commit's, which then sets weights.
 */
const P = 'SubtensorModule';

/** Drops expired commits from the front of the queue, returning their hashes. */
function dropExpired(ctx: CallContext, netuid: number, commits: WeightCommit[]): string[] {
  const expired: string[] = [];
  while (commits[0] && isCommitExpired(ctx.storage, netuid, commits[0].commitBlock, ctx.blockNumber)) {
    expired.push(commits.shift()!.hash);
  }
  return expired;
}

function commitWeights(ctx: CallContext, args: CallArgs): void {
  const s = ctx.storage;
  const netuid = u16Arg(args.netuid);
  const hash = args.commit_hash!.toHex();
  if (!networkExists(s, netuid)) throw ctx.error(P, 'MechanismDoesNotExist');
  const who = ensureSigned(ctx);
  if (!commitRevealEnabled(s, netuid)) throw ctx.error(P, 'CommitRevealDisabled');
  const uid = uidOf(s, netuid, who);
  if (uid === null) throw ctx.error(P, 'HotKeyNotRegisteredInSubNet');
  const now = ctx.blockNumber;
  if (!rateLimitPasses(s, netuid, uid, now)) throw ctx.error(P, 'CommittingWeightsTooFast');

  const commits = readCommits(s, netuid, who) ?? [];
  dropExpired(ctx, netuid, commits);
  if (commits.length >= MAX_UNREVEALED_COMMITS) throw ctx.error(P, 'TooManyUnrevealedCommits');
  const [firstRevealBlock, lastRevealBlock] = revealBlocks(s, netuid, now);
  commits.push({ hash, commitBlock: now, firstRevealBlock, lastRevealBlock });
  writeCommits(s, netuid, who, commits);
  ctx.emit(P, 'WeightsCommitted', [who, netuid, hash]);
  // The commit counts as the uid's weight activity (and starts its rate limit).
  setUidVectorEntry(s, 'LastUpdate', netuid, uid, now, uidVector(s, 'LastUpdate', netuid), 0);
}

function revealWeights(ctx: CallContext, args: CallArgs): void {
  const s = ctx.storage;
  const netuid = u16Arg(args.netuid);
  const who = ensureSigned(ctx);
  if (!commitRevealEnabled(s, netuid)) throw ctx.error(P, 'CommitRevealDisabled');
  const commits = readCommits(s, netuid, who);
  if (commits === null) throw ctx.error(P, 'NoWeightsCommitFound');

  const expired = dropExpired(ctx, netuid, commits);
  const uids = u16List(args.uids);
  const values = u16List(args.values);
  const versionKey = u64Arg(args.version_key);
  const hash = commitHashV2({ hotkey: who, netuid, uids, values, salt: u16List(args.salt), versionKey });
  const expiredMatch = expired.includes(hash);
  if (commits.length === 0) throw ctx.error(P, expiredMatch ? 'ExpiredWeightCommit' : 'NoWeightsCommitFound');

  const position = commits.findIndex((c) => c.hash === hash);
  if (position < 0) throw ctx.error(P, expiredMatch ? 'ExpiredWeightCommit' : 'InvalidRevealCommitHashNotMatch');
  if (!isRevealEpoch(s, netuid, commits[position]!.commitBlock, ctx.blockNumber)) throw ctx.error(P, 'RevealTooEarly');
  // Revealing a commit also discards every older one still queued before it.
  writeCommits(s, netuid, who, commits.slice(position + 1));
  applyWeights(ctx, { hotkey: who, netuid, uids, values, versionKey });
  ctx.emit(P, 'WeightsRevealed', [who, netuid, hash]);
}

export const commitRevealArea: SubtensorArea = {
  calls: {
    commit_weights: { handler: commitWeights, paysFee: false },
    reveal_weights: { handler: revealWeights, paysFee: false },
  },
};
