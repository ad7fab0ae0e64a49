import { commitHashV2, randomSalt } from '../../weights/commit-hash';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import { assertNoTimelock } from '../commit-reveal-mode';
import { revealWindow, type RevealWindow } from '../../weights/epoch';
import { OperationRefusedError, type ChainDispatchError, type InvalidChainInputError, type SubmissionTimeoutError, type TimelockRequiredError, type TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { submitOptions } from './shared';
import type { SetWeightsParameters } from './set-weights';
import { prepareWeightsCommit } from './prepare-weights-commit';

/** What `setWeights` takes (weights converted the same way), plus the salt. */
export interface CommitWeightsParameters extends SetWeightsParameters {
  /** Default: 8 random u16s. Keep it: the reveal needs it. */
  readonly salt?: readonly number[];
}

/** Everything `revealWeights` needs, exactly as committed. */
export interface WeightsReveal {
  readonly netuid: number;
  readonly uids: readonly number[];
  readonly values: readonly number[];
  readonly salt: readonly number[];
  readonly versionKey: bigint;
}

export interface CommitWeightsReturnType extends SubmitResult {
  readonly commitHash: `0x${string}`;
  readonly reveal: WeightsReveal;
  /** When the reveal is accepted: only in `revealEpoch`, blocks firstBlock..lastBlock. */
  readonly revealWindow: RevealWindow;
}

/**
 * OperationRefusedError (`CommitRevealDisabled`, `HotKeyNotRegisteredInSubNet`,
 * `CommittingWeightsTooFast`, `IncorrectWeightVersionKey`, weight-vector errors),
 * TimelockRequiredError, or the chain's error (`TooManyUnrevealedCommits`, …).
 */
export type CommitWeightsErrorType =
  | OperationRefusedError
  | TimelockRequiredError
  | InvalidChainInputError
  | ChainDispatchError
  | TransactionRejectedError
  | SubmissionTimeoutError;

/**
 * `commit_weights(netuid, hash)` with the commit-reveal v2 hash of (hotkey, netuid, uids,
 * values, salt, version_key). Returns the hash, what to reveal, and the reveal window
 * computed from the commit's block, the subnet's tempo and `RevealPeriodEpochs`.
 *
 * @example
 * const commit = await commitWeights(client, { signer: hotkey, netuid: 1, uids: [0, 1], weights: [1, 3] });
 * await revealWeights(client, { signer: hotkey, ...commit.reveal });
 */
export async function commitWeights(client: ChainClient, parameters: CommitWeightsParameters): Promise<CommitWeightsReturnType> {
  const call = 'subtensorModule.commitWeights';
  // The reveal runs set_weights' checks (except the rate limit): they are found now.
  const { netuid, uids, values, hotkey, state, versionKey } = await prepareWeightsCommit(client, call, parameters, {
    missingSubnet: 'SubnetNotExists',
    modeCheck: (s, n) => assertNoTimelock(client.api, n, s.commitRevealVersion),
  });
  const salt = parameters.salt ? [...parameters.salt] : randomSalt();
  const commitHash = commitHashV2({ hotkey, netuid, uids, values, salt, versionKey });
  const tx = buildCall(client.api, 'subtensorModule', 'commit_weights', { netuid, commit_hash: commitHash });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  return {
    ...result,
    commitHash,
    reveal: { netuid, uids, values, salt, versionKey },
    revealWindow: revealWindow(netuid, state.tempo, state.revealPeriodEpochs, result.blockNumber),
  };
}
