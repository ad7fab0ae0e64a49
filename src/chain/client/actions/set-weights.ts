import type { KeyringPair } from '@polkadot/keyring/types';
import { checkWeights } from '../../weights/check';
import { convertWeightsAndUidsForEmit } from '../../weights/convert';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import { assertNoTimelock } from '../commit-reveal-mode';
import { InvalidChainInputError, OperationRefusedError, type ChainDispatchError, type SubmissionTimeoutError, type TimelockRequiredError, type TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { readWeightsState, type SubnetWeightsState } from '../weights-state';
import { checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface SetWeightsParameters extends OperationOptions {
  /** The validator's hotkey. */
  readonly signer: KeyringPair;
  readonly netuid: number;
  readonly uids: readonly number[];
  /** Non-negative weights, any scale: converted as the Bittensor SDK does (max → 65535, zeros dropped). */
  readonly weights: readonly number[];
  /** Version key sent (default: the subnet's current `WeightsVersionKey`). */
  readonly versionKey?: bigint | number;
  /** Submit without the client-side checks (the chain still checks). */
  readonly skipChecks?: boolean;
}

export interface SetWeightsReturnType extends SubmitResult {
  /** The u16 vectors sent. */
  readonly uids: readonly number[];
  readonly values: readonly number[];
  readonly versionKey: bigint;
}

/**
 * {@link OperationRefusedError} before submitting, with subtensor's error name
 * (`SettingWeightsTooFast`, `IncorrectWeightVersionKey`, `HotKeyNotRegisteredInSubNet`,
 * `CommitRevealEnabled`, `NeuronNoValidatorPermit`, `WeightVecLengthIsLow`, …);
 * ChainDispatchError when the chain refuses it anyway; TimelockRequiredError.
 */
export type SetWeightsErrorType =
  | OperationRefusedError
  | TimelockRequiredError
  | InvalidChainInputError
  | ChainDispatchError
  | TransactionRejectedError
  | SubmissionTimeoutError;

/** Float weights → the u16 vectors the chain takes; an input error instead of a RangeError. */
export function emitWeights(uids: readonly number[], weights: readonly number[]): { uids: number[]; values: number[] } {
  try {
    const emit = convertWeightsAndUidsForEmit(uids, weights);
    return { uids: emit.uids, values: emit.weights };
  } catch (error) {
    throw new InvalidChainInputError(`bad weights: ${(error as Error).message}`);
  }
}

/** Replays `set_weights`' checks against state read from the chain; throws OperationRefusedError with the chain's error name. */
export function preflightWeights(call: string, state: SubnetWeightsState, uids: readonly number[], values: readonly number[], versionKey: bigint, rateLimited: boolean): void {
  const refuse = (error: string, reason: string) => new OperationRefusedError(call, 'subtensorModule', error, reason);
  if (!state.exists) throw refuse('SubnetNotExists', `subnet ${state.netuid} does not exist`);
  const check = checkWeights({
    netuid: state.netuid,
    uids,
    values,
    ownUid: state.ownUid,
    subnetN: state.subnetN,
    minAllowedWeights: state.minAllowedWeights,
    maxWeightLimit: state.maxWeightLimit,
    version: { weightsVersionKey: state.weightsVersionKey, versionKey },
    rateLimit: rateLimited
      ? { commitRevealEnabled: false, currentBlock: state.block + 1, lastUpdate: state.lastUpdate, weightsSetRateLimit: state.weightsSetRateLimit }
      : undefined,
    permit: { validatorPermit: state.validatorPermit, ownerUid: state.isOwnerHotkey ? state.ownUid : null },
  });
  if (check.ok) return;
  let reason = check.message;
  if (check.error === 'SettingWeightsTooFast') {
    const next = state.lastUpdate + state.weightsSetRateLimit;
    reason += `; the next block that may set weights is #${next} (now #${state.block})`;
  }
  throw refuse(check.error, reason);
}

/**
 * `set_weights(netuid, dests, weights, version_key)`, signed by the hotkey. Converts the
 * weights as the SDK does, reads the subnet's `WeightsVersionKey`, `WeightsSetRateLimit`,
 * `LastUpdate`, permits and sizes in one batch, and refuses before submitting when the chain
 * would fail the call (too fast, wrong version key, unregistered, …). On a subnet with
 * commit-reveal on, use `commitWeights` / `revealWeights` or `commitTimelockedWeights` (see `weightsPath`).
 *
 * @example await setWeights(client, { signer: hotkey, netuid: 1, uids: [0, 1], weights: [0.25, 0.75] });
 */
export async function setWeights(client: ChainClient, parameters: SetWeightsParameters): Promise<SetWeightsReturnType> {
  const call = 'subtensorModule.setWeights';
  const netuid = checkNetuid(parameters.netuid);
  const { uids, values } = emitWeights(parameters.uids, parameters.weights);
  const hotkey = parameters.signer.address;
  let versionKey = parameters.versionKey === undefined ? null : BigInt(parameters.versionKey);
  if (!parameters.skipChecks || versionKey === null) {
    const state = await readWeightsState(client, netuid, hotkey);
    versionKey ??= state.weightsVersionKey;
    if (!parameters.skipChecks) {
      if (state.exists && state.commitRevealEnabled) {
        assertNoTimelock(client.api, netuid, state.commitRevealVersion);
        throw new OperationRefusedError(call, 'subtensorModule', 'CommitRevealEnabled', `subnet ${netuid} uses commit-reveal: commit the weights with commitWeights and reveal them with revealWeights, or with commitTimelockedWeights where the node needs timelocked commits (weightsPath picks)`);
      }
      preflightWeights(call, state, uids, values, versionKey, true);
    }
  }
  const tx = buildCall(client.api, 'subtensorModule', 'set_weights', { netuid, dests: uids, weights: values, version_key: versionKey });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  return { ...result, uids, values, versionKey };
}
