import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, InvalidChainInputError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import { eventsOf, type SubmitResult } from '../inclusion';
import { toBigInt } from '../storage';
import { checkAddress, checkAmount, checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface AddStakeParameters extends OperationOptions {
  /** The coldkey whose TAO is staked. */
  readonly signer: KeyringPair;
  readonly hotkey: string;
  readonly netuid: number;
  /** TAO to stake, in rao (see `taoToRao`). */
  readonly amount: bigint;
}

export interface AddStakeReturnType extends SubmitResult {
  /** TAO taken (rao) and alpha received, from `StakeAdded`, when the event carries them. */
  readonly tao: bigint | null;
  readonly alpha: bigint | null;
}

/**
 * `NotEnoughBalanceToStake`, `HotKeyAccountNotExists`, `SubtokenDisabled` (before
 * `start_call`), `AmountTooLow`, `StakingRateLimitExceeded`, … as ChainDispatchError.
 */
export type AddStakeErrorType = ChainDispatchError | InvalidChainInputError | TransactionRejectedError | SubmissionTimeoutError;

/**
 * `add_stake(hotkey, netuid, amount_staked)`: stakes TAO from the signing coldkey to the
 * hotkey on the subnet, buying alpha from its pool.
 *
 * @example await addStake(client, { signer: coldkey, hotkey, netuid: 1, amount: taoToRao('10') });
 */
export async function addStake(client: ChainClient, parameters: AddStakeParameters): Promise<AddStakeReturnType> {
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const netuid = checkNetuid(parameters.netuid);
  const amount = checkAmount('amount', parameters.amount);
  const tx = buildCall(client.api, 'subtensorModule', 'add_stake', { hotkey, netuid, amount_staked: amount, amount });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  const event = eventsOf(result, 'subtensorModule', 'StakeAdded')[0];
  return { ...result, tao: event?.data[2] ? toBigInt(event.data[2]) : null, alpha: event?.data[3] ? toBigInt(event.data[3]) : null };
}
