import { hexToU8a } from '@polkadot/util';
import type { KeyringPair } from '@polkadot/keyring/types';
import { canonicalJson } from '../../base';
import { publicKeyOfAddress, ss58Address } from '../../chain/keys';
import { signMessage, verifyMessage } from '../sr25519';
import type { JobReceipt, JobReceiptFields } from './job-messages';

/**
 * The string a job receipt's signature covers: the canonical JSON (src/base: keys sorted, no
 * whitespace) of exactly its seven fields jobId, miner, modelHash, inputHash, outputHash,
 * deviceMs, finishedAtMs. Anyone holding the receipt can recompute it.
 */
export function receiptSigningMessage(fields: JobReceiptFields): string {
  const { jobId, miner, modelHash, inputHash, outputHash, deviceMs, finishedAtMs } = fields;
  return canonicalJson({ jobId, miner, modelHash, inputHash, outputHash, deviceMs, finishedAtMs });
}

/** The receipt for `fields`, signed by `signer` (whose address must be `fields.miner`). */
export function signJobReceipt(signer: KeyringPair, fields: JobReceiptFields): JobReceipt {
  if (ss58Address(signer.publicKey) !== fields.miner) throw new TypeError('a receipt is signed by the miner it names');
  return { ...fields, signature: signMessage(signer, receiptSigningMessage(fields)) };
}

/** Whether `receipt.signature` is `receipt.miner`'s sr25519 signature over its signing message. */
export function verifyJobReceipt(receipt: JobReceipt): boolean {
  const key = publicKeyOfAddress(receipt.miner);
  if (key === null || !/^0x[0-9a-fA-F]{128}$/.test(receipt.signature)) return false;
  return verifyMessage(receiptSigningMessage(receipt), hexToU8a(receipt.signature), key);
}
