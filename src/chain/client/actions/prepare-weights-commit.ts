import type { ChainClient } from '../client';
import { OperationRefusedError } from '../errors';
import { readWeightsState, type SubnetWeightsState as WeightsState } from '../weights-state';
import { checkNetuid } from './shared';
import { emitWeights, preflightWeights, type SetWeightsParameters } from './set-weights';

/** A weights commit checked against the chain's state, ready to be hashed or encrypted. */
export interface PreparedWeightsCommit {
  readonly netuid: number;
  readonly uids: number[];
  readonly values: number[];
  readonly hotkey: string;
  readonly state: WeightsState;
  readonly versionKey: bigint;
}

/**
 * What commitWeights (v2) and commitTimelockedWeights (v4) check alike before committing: the
 * subnet exists with commit-reveal on, the hotkey is registered, the rate limit allows a commit,
 * and the weights pass set_weights' checks (the chain runs them at the reveal). `missingSubnet`
 * is the error name the call's pallet uses; `modeCheck` runs once commit-reveal is known on.
 */
export async function prepareWeightsCommit(
  client: ChainClient,
  call: string,
  parameters: SetWeightsParameters,
  options: { readonly missingSubnet: string; readonly modeCheck?: (state: WeightsState, netuid: number) => void },
): Promise<PreparedWeightsCommit> {
  const netuid = checkNetuid(parameters.netuid);
  const { uids, values } = emitWeights(parameters.uids, parameters.weights);
  const hotkey = parameters.signer.address;
  const state = await readWeightsState(client, netuid, hotkey);
  const versionKey = parameters.versionKey === undefined ? state.weightsVersionKey : BigInt(parameters.versionKey);
  if (!parameters.skipChecks) {
    const refuse = (error: string, reason: string) => new OperationRefusedError(call, 'subtensorModule', error, reason);
    if (!state.exists) throw refuse(options.missingSubnet, `subnet ${netuid} does not exist`);
    if (!state.commitRevealEnabled) throw refuse('CommitRevealDisabled', `subnet ${netuid} has commit-reveal off: set the weights directly with setWeights`);
    options.modeCheck?.(state, netuid);
    if (state.ownUid === null) throw refuse('HotKeyNotRegisteredInSubNet', `hotkey ${hotkey} is not registered on subnet ${netuid}`);
    const since = BigInt(state.block + 1) - state.lastUpdate;
    if (state.lastUpdate !== 0n && since < state.weightsSetRateLimit) {
      throw refuse('CommittingWeightsTooFast', `last commit ${since} blocks ago; the rate limit is ${state.weightsSetRateLimit} blocks (next allowed at #${state.lastUpdate + state.weightsSetRateLimit})`);
    }
    preflightWeights(call, state, uids, values, versionKey, false);
  }
  return { netuid, uids, values, hotkey, state, versionKey };
}
