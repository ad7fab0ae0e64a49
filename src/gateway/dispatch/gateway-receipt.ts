import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { canonicalJson } from '../../base';
import { publicKeyOfAddress, signSr25519, verifySr25519 } from '../../chain/keys';
import type { VerificationLevel } from '../jobs/quote';

export const RECEIPT_FORMAT = 'pog-gateway-receipt/1';

/** One miner's run of the job, as its own signed receipt stated it. */
export interface ReceiptRun {
  readonly miner: string;
  readonly outputHash: string;
  readonly deviceMs: number;
  /** Whether its outputs agreed with the delivered ones. */
  readonly agreed: boolean;
  /** The miner's sr25519 signature over its own receipt (MinerJobReceipt). */
  readonly minerSignature: string;
}

/** What the gateway states about a delivered job, signed by the gateway's hotkey. */
export interface GatewayReceiptBody {
  readonly format: typeof RECEIPT_FORMAT;
  readonly jobId: string;
  readonly accountId: string;
  readonly modelHash: string;
  readonly inputHash: string;
  readonly outputHash: string;
  /** The miner whose outputs were delivered. */
  readonly miner: string;
  /** Device milliseconds of the delivered run, as its miner measured them. */
  readonly deviceMs: number;
  /** Credit units charged (1 unit = 1 rao). */
  readonly price: string;
  /** The level the buyer asked for, and how it was met: `checked` when two or more miners agreed. */
  readonly verification: VerificationLevel;
  readonly checked: boolean;
  readonly runs: readonly ReceiptRun[];
  readonly issuedAtMs: number;
  /** ss58 of the gateway's hotkey. */
  readonly gateway: string;
}

export interface GatewayReceipt extends GatewayReceiptBody {
  /** 0x-hex sr25519 signature by `gateway` over the canonical JSON of the other fields. */
  readonly signature: string;
}

const utf8 = new TextEncoder();

export function signGatewayReceipt(pair: KeyringPair, body: Omit<GatewayReceiptBody, 'format' | 'gateway'>): GatewayReceipt {
  const full: GatewayReceiptBody = { ...body, format: RECEIPT_FORMAT, gateway: pair.address };
  return { ...full, signature: u8aToHex(signSr25519(pair, utf8.encode(canonicalJson(full)))) };
}

/** Whether `receipt` is signed by the key it names (and, given `gateway`, that it is that key). */
export function verifyGatewayReceipt(receipt: GatewayReceipt, gateway?: string): boolean {
  if (receipt.format !== RECEIPT_FORMAT || (gateway !== undefined && receipt.gateway !== gateway)) return false;
  const publicKey = publicKeyOfAddress(receipt.gateway);
  if (!publicKey || !/^0x[0-9a-f]{128}$/i.test(receipt.signature)) return false;
  const { signature, ...body } = receipt;
  return verifySr25519(utf8.encode(canonicalJson(body)), hexToU8a(signature), publicKey);
}
