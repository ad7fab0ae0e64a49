import type { KeyringPair } from '@polkadot/keyring/types';
import { commitHashV2 } from '../../weights/commit-hash';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import { assertNoTimelock } from '../commit-reveal-mode';
import { revealWindow, type RevealWindow } from '../../weights/epoch';
import { OperationRefusedError, type ChainDispatchError, type SubmissionTimeoutError, type TimelockRequiredError, type TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { atHead, storage, unwrap } from '../storage';
import { waitForBlock } from '../wait-for-block';
import { readWeightsState } from '../weights-state';
import { checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface RevealWeightsParameters extends OperationOptions {
  /** The hotkey that committed. */
  readonly signer: KeyringPair;
  readonly netuid: number;
  /** u16 uids, values and salt exactly as committed (`commitWeights(…).reveal`). */
  readonly uids: readonly number[];
  readonly values: readonly number[];
  readonly salt: readonly number[];
  readonly versionKey: bigint | number;
  /**
   * Before the reveal window: wait for it (default) or refuse with `RevealTooEarly`. The wait
   * counts against `maxWaitMs` (default 10 minutes), not `timeoutMs`.
   */
  readonly wait?: boolean;
  readonly maxWaitMs?: number;
  readonly skipChecks?: boolean;
}

export interface RevealWeightsReturnType extends SubmitResult {
  readonly commitHash: `0x${string}`;
  /** The window the reveal was checked against. */
  readonly revealWindow: RevealWindow | null;
}

/**
 * OperationRefusedError (`NoWeightsCommitFound`, `InvalidRevealCommitHashNotMatch`,
 * `RevealTooEarly` with `wait: false`, `ExpiredWeightCommit`, `CommitRevealDisabled`),
 * TimelockRequiredError, or the chain's error.
 */
export type RevealWeightsErrorType = OperationRefusedError | TimelockRequiredError | ChainDispatchError | TransactionRejectedError | SubmissionTimeoutError;

interface StoredCommit {
  readonly hash: string;
  readonly commitBlock: number;
}

async function readCommits(client: ChainClient, netuid: number, hotkey: string): Promise<StoredCommit[] | null> {
  const { at } = await atHead(client.api);
  const raw = unwrap(await storage(at, 'subtensorModule', 'WeightCommits')(netuid, hotkey));
  if (raw === null) return null;
  return (raw.toJSON() as [string, number | string, ...unknown[]][]).map(([hash, block]) => ({ hash: String(hash), commitBlock: Number(block) }));
}

/**
 * `reveal_weights(netuid, uids, values, salt, version_key)`: reveals a v2 commit. Finds the
 * commit by its hash in `WeightCommits`, computes its reveal epoch (commit epoch +
 * `RevealPeriodEpochs`) and the blocks of that epoch, and waits for them (or refuses with
 * `RevealTooEarly` when `wait` is false); after them the commit has expired.
 */
export async function revealWeights(client: ChainClient, parameters: RevealWeightsParameters): Promise<RevealWeightsReturnType> {
  const call = 'subtensorModule.revealWeights';
  const netuid = checkNetuid(parameters.netuid);
  const hotkey = parameters.signer.address;
  const versionKey = BigInt(parameters.versionKey);
  const uids = [...parameters.uids];
  const values = [...parameters.values];
  const salt = [...parameters.salt];
  const commitHash = commitHashV2({ hotkey, netuid, uids, values, salt, versionKey });
  const refuse = (error: string, reason: string) => new OperationRefusedError(call, 'subtensorModule', error, reason);
  let window: RevealWindow | null = null;
  if (!parameters.skipChecks) {
    const state = await readWeightsState(client, netuid, hotkey);
    if (!state.exists) throw refuse('SubnetNotExists', `subnet ${netuid} does not exist`);
    if (!state.commitRevealEnabled) throw refuse('CommitRevealDisabled', `subnet ${netuid} has commit-reveal off`);
    assertNoTimelock(client.api, netuid, state.commitRevealVersion);
    const commits = await readCommits(client, netuid, hotkey);
    if (commits === null || commits.length === 0) throw refuse('NoWeightsCommitFound', `hotkey ${hotkey} has no unrevealed commit on subnet ${netuid}`);
    const commit = commits.find((c) => c.hash === commitHash);
    if (!commit) throw refuse('InvalidRevealCommitHashNotMatch', `none of the hotkey's ${commits.length} commit(s) on subnet ${netuid} matches these uids, values, salt and version key (hash ${commitHash})`);
    window = revealWindow(netuid, state.tempo, state.revealPeriodEpochs, commit.commitBlock);
    const next = state.block + 1;
    if (next > window.lastBlock) {
      throw refuse('ExpiredWeightCommit', `the commit of block #${commit.commitBlock} could be revealed only in blocks #${window.firstBlock}..#${window.lastBlock} (epoch ${window.revealEpoch}); now #${state.block}`);
    }
    if (next < window.firstBlock) {
      if (parameters.wait === false) {
        throw refuse('RevealTooEarly', `the commit of block #${commit.commitBlock} (epoch ${window.commitEpoch}) may be revealed from block #${window.firstBlock} (epoch ${window.revealEpoch}); now #${state.block}`);
      }
      client.logger.info({ netuid, firstBlock: window.firstBlock, head: state.block }, 'waiting for the reveal window');
      const head = await waitForBlock(client, window.firstBlock - 1, parameters.maxWaitMs ?? 600_000);
      if (head + 1 > window.lastBlock) throw refuse('ExpiredWeightCommit', `the reveal window #${window.firstBlock}..#${window.lastBlock} passed while waiting (now #${head})`);
    }
  }
  const tx = buildCall(client.api, 'subtensorModule', 'reveal_weights', { netuid, uids, values, salt, version_key: versionKey });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  return { ...result, commitHash, revealWindow: window };
}
