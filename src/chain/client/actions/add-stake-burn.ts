import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, InvalidChainInputError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import { eventsOf, type SubmitResult } from '../inclusion';
import { toBigInt } from '../storage';
import { checkAddress, checkAmount, checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface AddStakeBurnParameters extends OperationOptions {
  /** The subnet owner's coldkey (on this runtime only the owner may buy back). */
  readonly signer: KeyringPair;
  readonly hotkey: string;
  readonly netuid: number;
  /** TAO to spend, in rao. */
  readonly amount: bigint;
  /** Highest price accepted (rao of TAO per alpha), or none. */
  readonly limit?: bigint | null;
}

export interface AddStakeBurnReturnType extends SubmitResult {
  /** Alpha bought and burned, from `AddStakeBurn`. */
  readonly alphaBurned: bigint | null;
}

/** `BadOrigin` (not the owner), `AddStakeBurnRateLimitExceeded`, `SlippageTooHigh`, staking errors. */
export type AddStakeBurnErrorType = ChainDispatchError | InvalidChainInputError | TransactionRejectedError | SubmissionTimeoutError;

/** `add_stake_burn(hotkey, netuid, amount, limit)`: the subnet buyback, stake TAO and burn the alpha it buys. */
export async function addStakeBurn(client: ChainClient, parameters: AddStakeBurnParameters): Promise<AddStakeBurnReturnType> {
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const netuid = checkNetuid(parameters.netuid);
  const amount = checkAmount('amount', parameters.amount);
  const limit = parameters.limit === undefined || parameters.limit === null ? null : checkAmount('limit', parameters.limit);
  const tx = buildCall(client.api, 'subtensorModule', 'add_stake_burn', { hotkey, netuid, amount, limit });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  const event = eventsOf(result, 'subtensorModule', 'AddStakeBurn')[0];
  return { ...result, alphaBurned: event?.data[3] ? toBigInt(event.data[3]) : null };
}
