import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { buildCall, setCommitment, type ChainClient } from '../chain';
import { MAX_EVIDENCE_BYTES } from '../records';
import { encodeEvidenceCommitment } from '../records';

export interface EvidencePublication {
  /** Block holding the `system.remark_with_event` with the evidence JSON. */
  readonly remarkBlock: number;
  /** Block of the `set_commitment` (digest + remark block). */
  readonly commitmentBlock: number;
}

/**
 * Puts a round's evidence on chain: the canonical JSON as the body of a
 * `system.remark_with_event` (its `Remarked` event carries the blake2-256), then the
 * commitment `[Raw32 digest, Raw4 remark block (u32 LE)]`, so a reader finds the text with one
 * storage read and one block fetch.
 */
export async function publishEvidence(client: ChainClient, input: { signer: KeyringPair; netuid: number; bytes: Uint8Array; digest: Uint8Array }): Promise<EvidencePublication> {
  if (input.bytes.length > MAX_EVIDENCE_BYTES) throw new RangeError(`the evidence is ${input.bytes.length} bytes, over the ${MAX_EVIDENCE_BYTES}-byte limit`);
  const remark = await client.submit(buildCall(client.api, 'system', 'remark_with_event', { remark: u8aToHex(input.bytes) }), input.signer);
  const committed = await setCommitment(client, { signer: input.signer, netuid: input.netuid, fields: encodeEvidenceCommitment(input.digest, remark.blockNumber) });
  return { remarkBlock: remark.blockNumber, commitmentBlock: committed.blockNumber };
}
