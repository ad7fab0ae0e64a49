import type { KeyringPair } from '@polkadot/keyring/types';
import {
  commitTimelockedWeights,
  commitWeights,
  OperationRefusedError,
  readWeightsState,
  revealWeights,
  setWeights,
  weightsPath,
  type ChainClient,
  type SubnetWeightsState,
} from '../chain';
import type { Logger } from '../logging';
import { MAX_TRACKED_TIMELOCK_COMMITS, type PendingReveal, type TimelockCommit, type ValidatorState } from '../records';

/** Whether a timelocked commit's weights were on chain at the end of its reveal epoch. */
export interface TimelockCheck {
  readonly commitBlock: number;
  readonly revealRound: number;
  readonly lastBlock: number;
  /** true: on chain; false: the chain dropped the commit (or applied other weights); null: not checkable (see `supersededBy`, else that block's state is no longer readable) */
  readonly appeared: boolean | null;
  /**
   * The block of a later commit of the same epoch: the chain reveals an epoch's commits in
   * order, so that one's weights replace this one's and the row at the end shows only the last.
   */
  readonly supersededBy: number | null;
}

interface Tracked {
  readonly pending: PendingReveal | null;
  /** timelocked commits whose reveal epoch is not over yet */
  readonly timelock: TimelockCommit[];
  /** the commits whose reveal epoch ended since the last call, checked */
  readonly checks: TimelockCheck[];
}

export type WeightsAction =
  | ({ readonly mode: 'set' | 'commit' | 'reveal' | 'timelocked'; readonly block: number; readonly uids: number[]; readonly values: number[] } & Tracked)
  | ({ readonly mode: 'skipped'; readonly reason: string } & Tracked);

type WeightsRow = readonly (readonly [number, number])[];

async function weightsRowAt(client: ChainClient, netuid: number, uid: number, block: number): Promise<WeightsRow | null> {
  try {
    const at = await client.api.at(await client.api.rpc.chain.getBlockHash(block));
    return ((await at.query.subtensorModule!.weights!(netuid, uid)).toJSON() as [number, number][]).map(([u, v]) => [Number(u), Number(v)] as const);
  } catch {
    return null;
  }
}

/**
 * Checks each timelocked commit whose reveal epoch has ended: the uid's weights row at the
 * epoch's last block must be the committed one (the next epoch's commits are revealed only in
 * the epoch after, so that row is this commit's if the chain applied it). Of several commits
 * made in one epoch (same reveal epoch) only the last is checkable; the others are reported as
 * superseded.
 */
async function checkTimelocked(client: ChainClient, chain: SubnetWeightsState, commits: readonly TimelockCommit[]): Promise<{ due: TimelockCheck[]; open: TimelockCommit[] }> {
  const due: TimelockCheck[] = [];
  const open: TimelockCommit[] = [];
  for (const c of commits) {
    if (chain.block < c.lastBlock) {
      open.push(c);
      continue;
    }
    const base = { commitBlock: c.commitBlock, revealRound: c.revealRound, lastBlock: c.lastBlock };
    const later = commits.filter((d) => d.lastBlock === c.lastBlock && d.commitBlock > c.commitBlock).at(-1);
    if (later) {
      due.push({ ...base, appeared: null, supersededBy: later.commitBlock });
      continue;
    }
    const row = chain.ownUid === null ? [] : await weightsRowAt(client, chain.netuid, chain.ownUid, c.lastBlock);
    const appeared = row === null ? null : row.length === c.uids.length && row.every(([u, v], i) => u === c.uids[i] && v === c.values[i]);
    due.push({ ...base, appeared, supersededBy: null });
  }
  return { due, open };
}

/**
 * Puts the scores on chain as weights, by the path the subnet and node call for
 * (`weightsPath`): `set_weights` when commit-reveal is off; a v2 commit now and its reveal in a
 * later epoch (the pending reveal is kept in the durable state, so a restart still reveals it);
 * or, where the subnet is at commit-reveal v4, a timelocked commit that the chain decrypts and
 * applies by itself. Timelocked commits are kept until their reveal epoch is over and then
 * checked against the chain; the result comes back in `checks`. The chain's rules (u16
 * max-upscale, zeros dropped, version key, rate limit) are applied by the chain client; a
 * rate-limited attempt is skipped, not an error.
 */
export async function submitWeights(
  client: ChainClient,
  input: { signer: KeyringPair; netuid: number; uids: number[]; weights: number[]; state: ValidatorState; logger: Logger },
): Promise<WeightsAction> {
  const { signer, netuid, logger } = input;
  const chain = await readWeightsState(client, netuid, signer.address);
  const { due: checks, open } = await checkTimelocked(client, chain, input.state.timelockCommits);
  let pending = input.state.pendingReveal;
  const tracked = (p: PendingReveal | null, timelock = open): Tracked => ({ pending: p, timelock, checks });
  if (pending && chain.commitRevealEnabled) {
    const next = chain.block + 1;
    if (next > pending.lastBlock) {
      logger.warn({ commitHash: pending.commitHash }, 'a weight commit expired before it could be revealed');
      pending = null;
    } else if (next >= pending.firstBlock) {
      const r = await revealWeights(client, { signer, netuid, uids: pending.uids, values: pending.values, salt: pending.salt, versionKey: BigInt(pending.versionKey), wait: false });
      return { mode: 'reveal', block: r.blockNumber, uids: pending.uids, values: pending.values, ...tracked(null) };
    } else {
      return { mode: 'skipped', reason: `a commit waits for its reveal window (blocks ${pending.firstBlock}..${pending.lastBlock})`, ...tracked(pending) };
    }
  }
  if (input.uids.length === 0) return { mode: 'skipped', reason: 'no miner has a positive score', ...tracked(pending) };
  try {
    const path = weightsPath(client.api, netuid, chain);
    if (path === 'commit_timelocked') {
      const c = await commitTimelockedWeights(client, { signer, netuid, uids: input.uids, weights: input.weights });
      const commit: TimelockCommit = {
        uids: [...c.uids],
        values: [...c.values],
        versionKey: c.versionKey.toString(),
        commitHash: c.commitHash,
        commitBlock: c.blockNumber,
        revealRound: c.revealRound,
        lastBlock: c.revealWindow.lastBlock,
      };
      if (c.roundAlreadyPublic) logger.debug({ revealRound: c.revealRound }, 'the drand round of this commit was already public (blocks faster than the beacon): the weights are readable before the reveal');
      return { mode: 'timelocked', block: c.blockNumber, uids: commit.uids, values: commit.values, ...tracked(pending, [...open, commit].slice(-MAX_TRACKED_TIMELOCK_COMMITS)) };
    }
    if (path === 'commit_reveal_v2') {
      const c = await commitWeights(client, { signer, netuid, uids: input.uids, weights: input.weights });
      const reveal: PendingReveal = {
        uids: [...c.reveal.uids],
        values: [...c.reveal.values],
        salt: [...c.reveal.salt],
        versionKey: c.reveal.versionKey.toString(),
        commitHash: c.commitHash,
        firstBlock: c.revealWindow.firstBlock,
        lastBlock: c.revealWindow.lastBlock,
      };
      return { mode: 'commit', block: c.blockNumber, uids: reveal.uids, values: reveal.values, ...tracked(reveal) };
    }
    const r = await setWeights(client, { signer, netuid, uids: input.uids, weights: input.weights });
    return { mode: 'set', block: r.blockNumber, uids: [...r.uids], values: [...r.values], ...tracked(null) };
  } catch (error) {
    if (error instanceof OperationRefusedError && (error.error === 'SettingWeightsTooFast' || error.error === 'CommittingWeightsTooFast')) {
      return { mode: 'skipped', reason: error.message, ...tracked(pending) };
    }
    throw error;
  }
}
