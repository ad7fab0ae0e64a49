import { hexToU8a } from '@polkadot/util';
import type { KeyringPair } from '@polkadot/keyring/types';
import { publicKeyOfAddress, ss58Address } from '../chain/keys';
import { bodySha256Hex } from './body-hash';
import { BadSignatureError, MalformedHeaderError, UnexpectedSignerError } from './errors';
import { RESPONSE_HEADERS } from './headers';
import { parseHeader, pickHeaders, signatureValue, ss58Value, timestampValue, UUID_PATTERN } from './header-values';
import { responseSigningMessage } from './signed-message';
import { signMessage, verifyMessage } from './sr25519';

/**
 * Headers that authenticate a response (lowercase names): `epistula-signed-by`,
 * `epistula-timestamp`, `epistula-response-signature` = sr25519 signature over
 * `"{sha256_hex(body)}.{requestUuid}.{timestamp}"` by the responder (the miner's hotkey).
 */
export function signResponse(input: { signer: KeyringPair; requestUuid: string; body: Uint8Array; nowMs?: number }): Record<string, string> {
  if (typeof input.requestUuid !== 'string' || !UUID_PATTERN.test(input.requestUuid)) throw new TypeError('requestUuid must be a UUID v4 or v7');
  if (!(input.body instanceof Uint8Array)) throw new TypeError('body must be a Uint8Array');
  const nowMs = input.nowMs ?? Date.now();
  if (!Number.isSafeInteger(nowMs) || nowMs <= 0) throw new TypeError('nowMs must be a positive integer of milliseconds');
  const timestamp = String(nowMs);
  const signature = signMessage(input.signer, responseSigningMessage({ bodyHash: bodySha256Hex(input.body), requestUuid: input.requestUuid, timestamp }));
  return {
    [RESPONSE_HEADERS.signedBy]: ss58Address(input.signer.publicKey),
    [RESPONSE_HEADERS.timestamp]: timestamp,
    [RESPONSE_HEADERS.signature]: signature,
  };
}

const RESPONSE_HEADER_NAMES = [RESPONSE_HEADERS.signedBy, RESPONSE_HEADERS.timestamp, RESPONSE_HEADERS.signature] as const;

/**
 * Checks that a response was signed by `expectedSigner` for the request `requestUuid`.
 * Throws MissingHeaderError / MalformedHeaderError (400), UnexpectedSignerError or
 * BadSignatureError (401). The response timestamp is checked for syntax only: freshness comes
 * from the request's uuid, which the caller just made.
 */
export function verifyResponse(input: { headers: Record<string, string | string[] | undefined>; body: Uint8Array; requestUuid: string; expectedSigner: string }): void {
  if (!(input.body instanceof Uint8Array)) throw new MalformedHeaderError('body', 'not bytes');
  const raw = pickHeaders(input.headers, RESPONSE_HEADER_NAMES);
  const signedBy = parseHeader(RESPONSE_HEADERS.signedBy, ss58Value, raw[RESPONSE_HEADERS.signedBy]);
  parseHeader(RESPONSE_HEADERS.timestamp, timestampValue, raw[RESPONSE_HEADERS.timestamp]);
  const signatureHex = parseHeader(RESPONSE_HEADERS.signature, signatureValue, raw[RESPONSE_HEADERS.signature]);
  const expectedKey = typeof input.expectedSigner === 'string' ? publicKeyOfAddress(input.expectedSigner) : null;
  if (expectedKey === null) throw new TypeError('expectedSigner must be an ss58 address');
  const expected = ss58Address(expectedKey);
  if (signedBy !== expected) throw new UnexpectedSignerError(signedBy, expected);
  if (typeof input.requestUuid !== 'string' || !UUID_PATTERN.test(input.requestUuid)) throw new TypeError('requestUuid must be a UUID v4 or v7');
  const message = responseSigningMessage({ bodyHash: bodySha256Hex(input.body), requestUuid: input.requestUuid, timestamp: raw[RESPONSE_HEADERS.timestamp] });
  if (!verifyMessage(message, hexToU8a(signatureHex), expectedKey)) throw new BadSignatureError('response');
}
