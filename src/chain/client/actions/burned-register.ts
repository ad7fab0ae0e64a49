import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { toNumber } from '../storage';
import { checkAddress, checkNetuid, requireEvent, submitOptions, type OperationOptions } from './shared';

export interface BurnedRegisterParameters extends OperationOptions {
  /** The coldkey that pays the subnet's `Burn` and owns the hotkey. */
  readonly signer: KeyringPair;
  readonly netuid: number;
  readonly hotkey: string;
}

export interface BurnedRegisterReturnType extends SubmitResult {
  readonly netuid: number;
  /** The hotkey's uid on the subnet (from `NeuronRegistered`). */
  readonly uid: number;
  readonly hotkey: string;
}

/**
 * `NotEnoughBalanceToStake` (cannot pay the burn), `HotKeyAlreadyRegisteredInSubNet`,
 * `SubnetNotExists`, `NonAssociatedColdKey`, `SubNetRegistrationDisabled`, … as ChainDispatchError.
 */
export type BurnedRegisterErrorType = ChainDispatchError | TransactionRejectedError | SubmissionTimeoutError;

/**
 * `burned_register(netuid, hotkey)`: registers the hotkey on the subnet for the current burn,
 * paid by the signing coldkey.
 *
 * @example const { uid } = await burnedRegister(client, { signer: coldkey, netuid: 1, hotkey: hotkey.address });
 */
export async function burnedRegister(client: ChainClient, parameters: BurnedRegisterParameters): Promise<BurnedRegisterReturnType> {
  const netuid = checkNetuid(parameters.netuid);
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const tx = buildCall(client.api, 'subtensorModule', 'burned_register', { netuid, hotkey });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  const event = requireEvent(result, 'subtensorModule', 'NeuronRegistered');
  return { ...result, netuid, uid: toNumber(event.data[1]), hotkey };
}
