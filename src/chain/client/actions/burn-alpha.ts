import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, InvalidChainInputError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import { eventsOf, type SubmitResult } from '../inclusion';
import { toBigInt } from '../storage';
import { checkAddress, checkAmount, checkNetuid, submitOptions, type OperationOptions } from './shared';

export interface BurnAlphaParameters extends OperationOptions {
  /** The coldkey whose staked alpha is burned. */
  readonly signer: KeyringPair;
  readonly hotkey: string;
  readonly netuid: number;
  /** Alpha to burn, in rao (capped by the chain at the stake held). */
  readonly amount: bigint;
}

export interface BurnAlphaReturnType extends SubmitResult {
  /** Alpha actually burned, from `AlphaBurned`. */
  readonly burned: bigint | null;
}

/** `SubnetNotExists`, `CannotBurnOrRecycleOnRootSubnet`, `SubtokenDisabled`, `HotKeyAccountNotExists`, `InsufficientLiquidity`. */
export type BurnAlphaErrorType = ChainDispatchError | InvalidChainInputError | TransactionRejectedError | SubmissionTimeoutError;

/** `burn_alpha(hotkey, amount, netuid)`: burns alpha the coldkey has staked to the hotkey. */
export async function burnAlpha(client: ChainClient, parameters: BurnAlphaParameters): Promise<BurnAlphaReturnType> {
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const netuid = checkNetuid(parameters.netuid);
  const amount = checkAmount('amount', parameters.amount);
  const tx = buildCall(client.api, 'subtensorModule', 'burn_alpha', { hotkey, amount, netuid });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  const event = eventsOf(result, 'subtensorModule', 'AlphaBurned')[0];
  return { ...result, burned: event?.data[2] ? toBigInt(event.data[2]) : null };
}
