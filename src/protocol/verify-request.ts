import { hexToU8a } from '@polkadot/util';
import { publicKeyOfAddress, ss58Address } from '../chain/keys';
import { bodySha256Hex } from './body-hash';
import {
  BadSignatureError,
  BodyTooLargeError,
  MalformedHeaderError,
  ReplayedRequestError,
  SenderNotAllowedError,
  StaleRequestError,
  WrongReceiverError,
} from './errors';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_MAX_SKEW_MS, PROTOCOL_HEADERS } from './headers';
import { isSignablePath, normaliseMethod, parseHeader, pickHeaders, signatureValue, ss58Value, timestampValue, uuidValue, versionValue } from './header-values';
import type { ReplayGuard } from './replay-guard';
import { requestSigningMessage } from './signed-message';
import { verifyMessage } from './sr25519';

export interface VerifyRequestInput {
  /** The request's headers as received (Node's `req.headers` fits); names are matched case-insensitively. */
  headers: Record<string, string | string[] | undefined>;
  /** The exact body bytes received. */
  body: Uint8Array;
  /** The request's HTTP method (`req.method`). */
  method: string;
  /** The request target as received, path and query (`req.url`). */
  path: string;
  /** This receiver's own hotkey ss58 address. */
  receiver: string;
  replay: ReplayGuard;
  nowMs?: number;
  /** ± tolerance on the timestamp; default 10 000 ms. */
  maxSkewMs?: number;
  /** Called with the authenticated sender after the signature check; false → 403. */
  isAllowed?: (hotkey: string) => boolean;
  /** Largest body accepted; default {@link DEFAULT_MAX_REQUEST_BODY_BYTES} (64 KiB). */
  maxBodyBytes?: number;
}

export interface VerifiedRequest {
  /** The signer's ss58 address (canonical, prefix 42). */
  sender: string;
  uuid: string;
  timestampMs: number;
}

const REQUEST_HEADER_NAMES = [
  PROTOCOL_HEADERS.version,
  PROTOCOL_HEADERS.timestamp,
  PROTOCOL_HEADERS.uuid,
  PROTOCOL_HEADERS.signedBy,
  PROTOCOL_HEADERS.signedFor,
  PROTOCOL_HEADERS.signature,
] as const;

/**
 * Authenticates one request. Checks, in order: body size (413); every header present (400)
 * and well-formed (400); timestamp within ±maxSkewMs (401 stale); signed-for is this receiver
 * (401); signature over the exact message (401); sender allowed (403); not a replay (401).
 * Throws a ProtocolError subclass for any bad input, never anything else; a TypeError or
 * RangeError only for a misconfigured receiver (its own address, maxSkewMs, maxBodyBytes).
 */
export function verifyRequest(input: VerifyRequestInput): VerifiedRequest {
  const nowMs = input.nowMs ?? Date.now();
  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const maxBodyBytes = input.maxBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES;
  if (!Number.isFinite(maxSkewMs) || maxSkewMs < 0) throw new RangeError(`maxSkewMs must be a non-negative number, got ${maxSkewMs}`);
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) throw new RangeError(`maxBodyBytes must be a non-negative integer, got ${maxBodyBytes}`);
  const receiverKey = typeof input.receiver === 'string' ? publicKeyOfAddress(input.receiver) : null;
  if (receiverKey === null) throw new TypeError('receiver must be an ss58 address');
  const receiver = ss58Address(receiverKey);

  // 1. Size, before anything else is done with the body.
  if (!(input.body instanceof Uint8Array)) throw new MalformedHeaderError('body', 'not bytes');
  if (input.body.length > maxBodyBytes) throw new BodyTooLargeError(maxBodyBytes);

  // 2. Presence, size and syntax of every header, before any crypto.
  const raw = pickHeaders(input.headers, REQUEST_HEADER_NAMES);
  parseHeader(PROTOCOL_HEADERS.version, versionValue, raw[PROTOCOL_HEADERS.version]);
  const timestampMs = parseHeader(PROTOCOL_HEADERS.timestamp, timestampValue, raw[PROTOCOL_HEADERS.timestamp]);
  const uuid = parseHeader(PROTOCOL_HEADERS.uuid, uuidValue, raw[PROTOCOL_HEADERS.uuid]);
  const sender = parseHeader(PROTOCOL_HEADERS.signedBy, ss58Value, raw[PROTOCOL_HEADERS.signedBy]);
  const signedFor = parseHeader(PROTOCOL_HEADERS.signedFor, ss58Value, raw[PROTOCOL_HEADERS.signedFor]);
  const signatureHex = parseHeader(PROTOCOL_HEADERS.signature, signatureValue, raw[PROTOCOL_HEADERS.signature]);
  const method = normaliseMethod(input.method);
  if (method === null) throw new MalformedHeaderError('method', 'not an HTTP method name');
  if (!isSignablePath(input.path)) throw new MalformedHeaderError('path', 'not a signable request target');

  // 3. Freshness.
  if (Math.abs(timestampMs - nowMs) > maxSkewMs) throw new StaleRequestError(timestampMs, nowMs, maxSkewMs);

  // 4. Addressed to us.
  if (signedFor !== receiver) throw new WrongReceiverError(signedFor, receiver);

  // 5. Signature over the exact message, with the strings as received.
  const message = requestSigningMessage({
    bodyHash: bodySha256Hex(input.body),
    uuid,
    timestamp: raw[PROTOCOL_HEADERS.timestamp],
    signedFor,
    method,
    path: input.path,
  });
  const senderKey = publicKeyOfAddress(sender);
  if (senderKey === null || !verifyMessage(message, hexToU8a(signatureHex), senderKey)) throw new BadSignatureError();

  // 6. Authorisation: only for an authenticated sender, so the allowlist cannot be probed.
  if (input.isAllowed && !input.isAllowed(sender)) throw new SenderNotAllowedError(sender);

  // 7. Replay, last: only authentic, allowed requests take memory.
  if (!input.replay.accept(sender, uuid, timestampMs, nowMs)) throw new ReplayedRequestError(sender, uuid);

  return { sender, uuid, timestampMs };
}
