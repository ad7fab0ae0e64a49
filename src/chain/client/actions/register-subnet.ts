import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, SubmissionTimeoutError, TransactionRejectedError, UnsupportedByNodeError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { toNumber } from '../storage';
import { checkAddress, requireEvent, submitOptions, type OperationOptions } from './shared';

export interface RegisterSubnetParameters extends OperationOptions {
  /** The coldkey that pays the network lock cost and owns the subnet. */
  readonly signer: KeyringPair;
  /** The owner's hotkey (becomes uid 0 of the subnet). */
  readonly hotkey: string;
}

export interface RegisterSubnetReturnType extends SubmitResult {
  readonly netuid: number;
  /** The subnet's mechanism from `NetworkAdded` (1 = dynamic), when the event carries it. */
  readonly mechanism: number | null;
}

/** `CannotAffordLockCost`, `NonAssociatedColdKey`, `NetworkTxRateLimitExceeded`, `SubnetLimitReached` come as ChainDispatchError. */
export type RegisterSubnetErrorType = ChainDispatchError | TransactionRejectedError | SubmissionTimeoutError | UnsupportedByNodeError;

/**
 * `register_network(hotkey)`: creates a subnet owned by the signing coldkey, which pays the
 * lock cost. Returns the new netuid from `NetworkAdded`. Runtimes whose `register_network`
 * takes more arguments (a mechanism id) get neutral values for them.
 *
 * @example const { netuid } = await registerSubnet(client, { signer: coldkey, hotkey: hotkey.address });
 */
export async function registerSubnet(client: ChainClient, parameters: RegisterSubnetParameters): Promise<RegisterSubnetReturnType> {
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const tx = buildCall(client.api, 'subtensorModule', 'register_network', { hotkey });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  const event = requireEvent(result, 'subtensorModule', 'NetworkAdded');
  return { ...result, netuid: toNumber(event.data[0]), mechanism: event.data[1] ? toNumber(event.data[1]) : null };
}
