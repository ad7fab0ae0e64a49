import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, InvalidChainInputError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import { eventsOf, type SubmitResult } from '../inclusion';
import { toBigInt } from '../storage';
import { checkAddress, checkAmount, checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface RemoveStakeParameters extends OperationOptions {
  /** The coldkey that owns the stake and receives the TAO. */
  readonly signer: KeyringPair;
  readonly hotkey: string;
  readonly netuid: number;
  /** Alpha to unstake, in rao of alpha. */
  readonly amount: bigint;
}

export interface RemoveStakeReturnType extends SubmitResult {
  /** TAO received (rao) and alpha given up, from `StakeRemoved`, when the event carries them. */
  readonly tao: bigint | null;
  readonly alpha: bigint | null;
}

/** `NotEnoughStakeToWithdraw`, `HotKeyAccountNotExists`, `AmountTooLow`, … as ChainDispatchError. */
export type RemoveStakeErrorType = ChainDispatchError | InvalidChainInputError | TransactionRejectedError | SubmissionTimeoutError;

/**
 * `remove_stake(hotkey, netuid, amount_unstaked)`: sells the coldkey's alpha on the hotkey
 * back to the subnet pool for TAO.
 */
export async function removeStake(client: ChainClient, parameters: RemoveStakeParameters): Promise<RemoveStakeReturnType> {
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const netuid = checkNetuid(parameters.netuid);
  const amount = checkAmount('amount', parameters.amount);
  const tx = buildCall(client.api, 'subtensorModule', 'remove_stake', { hotkey, netuid, amount_unstaked: amount, amount });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  const event = eventsOf(result, 'subtensorModule', 'StakeRemoved')[0];
  return { ...result, tao: event?.data[2] ? toBigInt(event.data[2]) : null, alpha: event?.data[3] ? toBigInt(event.data[3]) : null };
}
