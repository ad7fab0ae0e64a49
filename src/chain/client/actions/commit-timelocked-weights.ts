import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { encodeWeightsPayload, encryptToRound, MAX_TIMELOCK_COMMIT_BYTES, revealRoundFor } from '../../timelock';
import { buildCall } from '../calls';
import { readChainClock } from '../chain-clock';
import type { ChainClient } from '../client';
import { TIMELOCK_ONLY_CR_VERSION } from '../commit-reveal-mode';
import { readChainBeacon } from '../drand-beacon';
import { revealWindow, type RevealWindow } from '../../weights/epoch';
import { InvalidChainInputError, OperationRefusedError, type ChainDispatchError, type SubmissionTimeoutError, type TransactionRejectedError, type UnsupportedByNodeError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { atHead } from '../storage';
import { submitOptions } from './shared';
import type { SetWeightsParameters } from './set-weights';
import { prepareWeightsCommit } from './prepare-weights-commit';

export interface CommitTimelockedWeightsParameters extends SetWeightsParameters {
  /** The drand round to encrypt to (default: picked as the Python SDK picks it, from the chain's beacon and clock). */
  readonly revealRound?: number;
  /** Seconds per block for the round arithmetic (default: the median of the chain's recent blocks). */
  readonly blockTimeSeconds?: number;
}

export interface CommitTimelockedWeightsReturnType extends SubmitResult {
  /** blake2-256 of the commit bytes, as `TimelockedWeightsCommitted` carries it */
  readonly commitHash: `0x${string}`;
  readonly revealRound: number;
  /** The epoch whose blocks reveal it (commit epoch + RevealPeriodEpochs) and their range. */
  readonly revealWindow: RevealWindow;
  /** What the chain applies once it decrypts the commit. */
  readonly uids: readonly number[];
  readonly values: readonly number[];
  readonly versionKey: bigint;
  /**
   * True when the beacon had already published `revealRound` at commit time (a chain whose
   * blocks come faster than the beacon's period, such as an instant dev chain): the weights are
   * then readable before the reveal.
   */
  readonly roundAlreadyPublic: boolean;
}

/**
 * OperationRefusedError (`CommitRevealDisabled`, `HotKeyNotRegisteredInSubNet`,
 * `CommittingWeightsTooFast`, weight-vector errors), UnsupportedByNodeError (no drand pallet or
 * no `commit_timelocked_weights`), or the chain's error (`TooManyUnrevealedCommits`,
 * `IncorrectCommitRevealVersion`, …).
 */
export type CommitTimelockedWeightsErrorType =
  | OperationRefusedError
  | UnsupportedByNodeError
  | InvalidChainInputError
  | ChainDispatchError
  | TransactionRejectedError
  | SubmissionTimeoutError;

/**
 * Commit-reveal v4: `commit_timelocked_weights(netuid, commit, reveal_round,
 * commit_reveal_version)` (subtensor call 113). The commit is the SCALE `WeightsTlockPayload`
 * (hotkey, uids, values, version key) timelock-encrypted to a drand round of the chain's own
 * beacon (`Drand.BeaconConfig`); the chain decrypts it with that round's pulse in the reveal
 * epoch and sets the weights itself: there is no reveal call.
 *
 * @example
 * const c = await commitTimelockedWeights(client, { signer: hotkey, netuid: 1, uids: [0, 1], weights: [1, 3] });
 * // after c.revealWindow.lastBlock: the weights are on chain, or the chain dropped the commit
 */
export async function commitTimelockedWeights(client: ChainClient, parameters: CommitTimelockedWeightsParameters): Promise<CommitTimelockedWeightsReturnType> {
  const call = 'subtensorModule.commitTimelockedWeights';
  // The chain applies the decrypted weights with set_weights' checks: they are found now.
  const { netuid, uids, values, state, versionKey } = await prepareWeightsCommit(client, call, parameters, { missingSubnet: 'MechanismDoesNotExist' });
  const { at } = await atHead(client.api);
  const { beacon, lastStoredRound } = await readChainBeacon(at);
  let revealRound = parameters.revealRound;
  if (revealRound === undefined) {
    const clock = await readChainClock(client.api, state.block);
    revealRound = revealRoundFor({
      netuid,
      tempo: state.tempo,
      currentBlock: state.block,
      revealPeriodEpochs: state.revealPeriodEpochs,
      blockTimeSeconds: parameters.blockTimeSeconds ?? clock.blockTimeSeconds,
      nowUnixSeconds: clock.nowSeconds,
      genesisTime: beacon.config.genesisTime,
      period: beacon.config.period,
    });
  }
  const payload = encodeWeightsPayload({ hotkey: parameters.signer.publicKey, uids, values, versionKey });
  const commit = encryptToRound(beacon, payload, revealRound);
  if (commit.length > MAX_TIMELOCK_COMMIT_BYTES) {
    throw new InvalidChainInputError(`the timelocked commit for ${uids.length} weights is ${commit.length} bytes, over the chain's ${MAX_TIMELOCK_COMMIT_BYTES}`);
  }
  const tx = buildCall(client.api, 'subtensorModule', 'commit_timelocked_weights', {
    netuid,
    // a hex string is taken as the bytes themselves (a Uint8Array would be read as SCALE)
    commit: u8aToHex(commit),
    reveal_round: revealRound,
    commit_reveal_version: state.commitRevealVersion ?? TIMELOCK_ONLY_CR_VERSION,
  });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  return {
    ...result,
    commitHash: blake2AsHex(commit, 256) as `0x${string}`,
    revealRound,
    revealWindow: revealWindow(netuid, state.tempo, state.revealPeriodEpochs, result.blockNumber),
    uids,
    values,
    versionKey,
    roundAlreadyPublic: revealRound <= lastStoredRound,
  };
}
