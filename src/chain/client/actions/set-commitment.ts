import type { KeyringPair } from '@polkadot/keyring/types';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import { InvalidChainInputError, type ChainDispatchError, type SubmissionTimeoutError, type TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { checkNetuid, submitOptions, type OperationOptions } from './shared';

/** Longest field a `RawN` variant holds. */
export const MAX_RAW_FIELD_BYTES = 128;

export interface SetCommitmentParameters extends OperationOptions {
  /** The hotkey registered on the subnet. */
  readonly signer: KeyringPair;
  readonly netuid: number;
  /** The data, one field per entry (text is UTF-8); at most 128 bytes each on the `RawN` variants. */
  readonly fields: readonly (string | Uint8Array)[];
}

export type SetCommitmentReturnType = SubmitResult;

/** `AccountNotAllowedCommit` (hotkey not registered), `TooManyFieldsInCommitmentInfo`, `SpaceLimitExceeded`; InvalidChainInputError for a field too long. */
export type SetCommitmentErrorType = ChainDispatchError | InvalidChainInputError | TransactionRejectedError | SubmissionTimeoutError;

/** One field as the `Data` enum: `RawN` for N ≤ 128 bytes, else `BigRaw` where the node has it. */
export function commitmentField(field: string | Uint8Array): Record<string, string> {
  const bytes = typeof field === 'string' ? stringToU8a(field) : field;
  return bytes.length <= MAX_RAW_FIELD_BYTES ? { [`Raw${bytes.length}`]: u8aToHex(bytes) } : { BigRaw: u8aToHex(bytes) };
}

/**
 * `Commitments.set_commitment(netuid, { fields: [RawN(bytes), …] })`, signed by the hotkey:
 * publishes data (an endpoint, a model hash …) on the subnet.
 *
 * @example await setCommitment(client, { signer: hotkey, netuid: 1, fields: ['https://miner.example/v1'] });
 */
export async function setCommitment(client: ChainClient, parameters: SetCommitmentParameters): Promise<SetCommitmentReturnType> {
  const netuid = checkNetuid(parameters.netuid);
  if (parameters.fields.length === 0) throw new InvalidChainInputError('a commitment needs at least one field');
  let tx;
  try {
    tx = buildCall(client.api, 'commitments', 'set_commitment', { netuid, info: { fields: parameters.fields.map(commitmentField) } });
  } catch (error) {
    if ((error as Error).name === 'UnsupportedByNodeError') throw error;
    throw new InvalidChainInputError(`the node cannot encode this commitment (fields over ${MAX_RAW_FIELD_BYTES} bytes need BigRaw): ${(error as Error).message.split('\n')[0]}`);
  }
  return client.submit(tx, parameters.signer, submitOptions(parameters));
}
