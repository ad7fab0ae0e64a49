import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface StartCallParameters extends OperationOptions {
  /** The subnet owner's coldkey. */
  readonly signer: KeyringPair;
  readonly netuid: number;
}

export type StartCallReturnType = SubmitResult;

/**
 * `NeedWaitingMoreBlocksToStarCall` (before `StartCallDelay` blocks), `NotSubnetOwner` /
 * `BadOrigin`, `FirstEmissionBlockNumberAlreadySet`, `SubnetNotExists` as ChainDispatchError.
 */
export type StartCallErrorType = ChainDispatchError | TransactionRejectedError | SubmissionTimeoutError;

/** `start_call(netuid)`: the owner starts the subnet's emission and enables staking on it. */
export async function startCall(client: ChainClient, parameters: StartCallParameters): Promise<StartCallReturnType> {
  const netuid = checkNetuid(parameters.netuid);
  const tx = buildCall(client.api, 'subtensorModule', 'start_call', { netuid });
  return client.submit(tx, parameters.signer, submitOptions(parameters));
}
