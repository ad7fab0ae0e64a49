import { hexToU8a, u8aToString } from '@polkadot/util';
import type { ChainClient } from '../client';
import { storage, toNumber, unwrap } from '../storage';
import { checkAddress, checkNetuid } from './shared';

export interface GetCommitmentParameters {
  readonly netuid: number;
  readonly hotkey: string;
}

export interface GetCommitmentReturnType {
  /** Block the commitment was set in. */
  readonly block: number;
  /** Each field's bytes (`None` fields are empty). */
  readonly fields: readonly Uint8Array[];
  /** The fields as UTF-8 text. */
  readonly text: readonly string[];
}

export type GetCommitmentErrorType = never;

/** The hotkey's commitment on the subnet (`Commitments.CommitmentOf`), or null when it has none. */
export async function getCommitment(client: ChainClient, parameters: GetCommitmentParameters): Promise<GetCommitmentReturnType | null> {
  const netuid = checkNetuid(parameters.netuid);
  const hotkey = checkAddress('hotkey', parameters.hotkey);
  const raw = unwrap(await storage(client.api, 'commitments', 'CommitmentOf')(netuid, hotkey));
  if (raw === null) return null;
  const registration = raw as unknown as { block: Parameters<typeof toNumber>[0]; info: { fields: { toArray(): { type: string; value: { toHex(): string } }[] } } };
  const fields = registration.info.fields.toArray().map((f) => (f.type.startsWith('Raw') || f.type === 'BigRaw' ? hexToU8a(f.value.toHex()) : new Uint8Array()));
  return { block: toNumber(registration.block), fields, text: fields.map((f) => u8aToString(f)) };
}
