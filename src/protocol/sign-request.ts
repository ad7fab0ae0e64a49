import { randomUUID } from 'node:crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import { publicKeyOfAddress, ss58Address } from '../chain/keys';
import { bodySha256Hex } from './body-hash';
import { EPISTULA_VERSION, PROTOCOL_HEADERS } from './headers';
import { isSignablePath, normaliseMethod, UUID_PATTERN } from './header-values';
import { requestSigningMessage } from './signed-message';
import { signMessage } from './sr25519';

export interface SignRequestInput {
  signer: KeyringPair;
  /** The receiving hotkey's ss58 address (re-encoded with prefix 42 if given with another). */
  receiver: string;
  /** The exact bytes that will be sent as the body (empty for a GET). */
  body: Uint8Array;
  /** HTTP method; signed in upper case. */
  method: string;
  /** Request target exactly as sent: starts with '/', with any query string. */
  path: string;
  nowMs?: number;
  /** Defaults to a fresh random UUID v4; must be a UUID v4 or v7, unique per request. */
  uuid?: string;
}

/**
 * The headers (lowercase names) that authenticate one request. The signed message is
 * `"{sha256_hex(body)}.{uuid}.{timestamp}.{signed_for}.{METHOD} {path}"`: plain Epistula v2
 * plus the method and path, so a signature for one endpoint cannot be replayed on another.
 * Throws TypeError for arguments that could never verify (bad receiver, uuid, method, path).
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const { signer, body } = input;
  const receiverKey = typeof input.receiver === 'string' ? publicKeyOfAddress(input.receiver) : null;
  if (receiverKey === null) throw new TypeError('receiver must be an ss58 address');
  const signedFor = ss58Address(receiverKey);
  if (!(body instanceof Uint8Array)) throw new TypeError('body must be a Uint8Array');
  const method = normaliseMethod(input.method);
  if (method === null) throw new TypeError('method must be an HTTP method name');
  if (!isSignablePath(input.path)) throw new TypeError('path must start with / and be printable ASCII without spaces');
  const nowMs = input.nowMs ?? Date.now();
  if (!Number.isSafeInteger(nowMs) || nowMs <= 0) throw new TypeError('nowMs must be a positive integer of milliseconds');
  const uuid = input.uuid ?? randomUUID();
  if (typeof uuid !== 'string' || !UUID_PATTERN.test(uuid)) throw new TypeError('uuid must be a UUID v4 or v7');
  const timestamp = String(nowMs);
  const signature = signMessage(signer, requestSigningMessage({ bodyHash: bodySha256Hex(body), uuid, timestamp, signedFor, method, path: input.path }));
  return {
    [PROTOCOL_HEADERS.version]: EPISTULA_VERSION,
    [PROTOCOL_HEADERS.timestamp]: timestamp,
    [PROTOCOL_HEADERS.uuid]: uuid,
    [PROTOCOL_HEADERS.signedBy]: ss58Address(signer.publicKey),
    [PROTOCOL_HEADERS.signedFor]: signedFor,
    [PROTOCOL_HEADERS.signature]: signature,
  };
}
