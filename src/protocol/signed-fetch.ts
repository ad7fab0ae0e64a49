import type { KeyringPair } from '@polkadot/keyring/types';
import { publicKeyOfAddress, ss58Address } from '../chain/keys';
import {
  MalformedResponseError,
  ProtocolError,
  RemoteError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  TransportError,
} from './errors';
import { PROTOCOL_HEADERS, RESPONSE_HEADERS } from './headers';
import { verifyResponse } from './response';
import { signRequest } from './sign-request';

export interface SignedFetchInput {
  /** The receiver's base URL (`http://ip:port`); its own path, if any, is replaced by `path`. */
  url: string;
  /** Default: POST when `json` is given, else GET. */
  method?: 'GET' | 'POST';
  /** Request target, signed as is: starts with '/', may carry a query string. */
  path: string;
  /** Sent as the JSON body (POST only). */
  json?: unknown;
  signer: KeyringPair;
  /** The receiver's hotkey: the request is signed for it and its response must be signed by it. */
  receiver: string;
  /** Covers the whole exchange, connection to last body byte. */
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export interface SignedFetchResult {
  status: number;
  /** The parsed JSON body; null for an empty body. */
  body: unknown;
  /** The ss58 address that signed the response (the receiver). */
  signer: string;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const MAX_REMOTE_MESSAGE_CHARS = 200;

/**
 * Signs and sends one request, reads at most maxResponseBytes within timeoutMs, and returns
 * the status and parsed JSON of a 2xx response after checking that the receiver signed it for
 * this request. Redirects are refused (the signature is bound to the path). Throws only
 * ProtocolError subclasses: RemoteError for a non-2xx answer (with the receiver's reason),
 * RequestTimeoutError, RequestAbortedError, TransportError, ResponseTooLargeError,
 * MalformedResponseError, and verifyResponse's errors for a badly signed 2xx; TypeError for
 * bad arguments.
 */
export async function signedFetch(input: SignedFetchInput): Promise<SignedFetchResult> {
  const method = input.method ?? (input.json === undefined ? 'GET' : 'POST');
  if (method !== 'GET' && method !== 'POST') throw new TypeError('method must be GET or POST');
  if (method === 'GET' && input.json !== undefined) throw new TypeError('a GET request carries no json body');
  if (!Number.isFinite(input.timeoutMs) || input.timeoutMs <= 0) throw new TypeError('timeoutMs must be a positive number');
  if (!Number.isSafeInteger(input.maxResponseBytes) || input.maxResponseBytes < 0) throw new TypeError('maxResponseBytes must be a non-negative integer');
  const receiverKey = typeof input.receiver === 'string' ? publicKeyOfAddress(input.receiver) : null;
  if (receiverKey === null) throw new TypeError('receiver must be an ss58 address');
  const receiver = ss58Address(receiverKey);
  const target = requestUrl(input.url, input.path);

  let body = new Uint8Array(0);
  if (input.json !== undefined) {
    const text = JSON.stringify(input.json) as string | undefined;
    if (text === undefined) throw new TypeError('json is not JSON-serialisable');
    body = utf8Encoder.encode(text);
  }
  const headers = signRequest({ signer: input.signer, receiver, body, method, path: input.path });
  if (method === 'POST') headers['content-type'] = 'application/json';
  const requestUuid = headers[PROTOCOL_HEADERS.uuid]!;

  if (input.signal?.aborted) throw new RequestAbortedError();
  const controller = new AbortController();
  let timedOut = false;
  let callerAborted = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onCallerAbort = () => {
    callerAborted = true;
    controller.abort();
  };
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const failure = (error: unknown): ProtocolError => {
    if (error instanceof ProtocolError) return error;
    if (timedOut) return new RequestTimeoutError(input.timeoutMs);
    if (callerAborted) return new RequestAbortedError();
    const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
    const detail =
      typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
    return new TransportError(detail);
  };

  try {
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers,
        body: method === 'POST' ? body : undefined,
        redirect: 'error',
        signal: controller.signal,
      });
    } catch (error) {
      throw failure(error);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBounded(response, input.maxResponseBytes);
    } catch (error) {
      throw failure(error);
    }
    const responseHeaders: Record<string, string | undefined> = {};
    for (const name of Object.values(RESPONSE_HEADERS)) responseHeaders[name] = response.headers.get(name) ?? undefined;
    if (response.status < 200 || response.status > 299) {
      // A refusal is believed as the receiver's only when it signed it: anyone on the path can forge an unsigned one.
      throw remoteError(response.status, bytes, isSignedBy(responseHeaders, bytes, requestUuid, receiver));
    }
    verifyResponse({ headers: responseHeaders, body: bytes, requestUuid, expectedSigner: receiver });
    return { status: response.status, body: parseJson(bytes), signer: receiver };
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** `path` on the origin of `base`; refuses anything the URL parser would rewrite. */
function requestUrl(base: string, path: string): URL {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError('path must start with /');
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new TypeError('url is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('url must be http or https');
  if (url.pathname + url.search !== path) throw new TypeError('path must be a normalised request target (no dot segments, spaces or fragment)');
  return url;
}

async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = response.headers.get('content-length');
  if (declared !== null && /^[0-9]+$/.test(declared) && Number(declared) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(maxBytes);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  let text: string;
  try {
    text = utf8Decoder.decode(bytes);
  } catch {
    throw new MalformedResponseError('body is not UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedResponseError('body is not JSON');
  }
}

function isSignedBy(headers: Record<string, string | undefined>, body: Uint8Array, requestUuid: string, signer: string): boolean {
  try {
    verifyResponse({ headers, body, requestUuid, expectedSigner: signer });
    return true;
  } catch {
    return false;
  }
}

/** The receiver's `{ error, message }` (see protocolErrorBody), read defensively. */
function remoteError(status: number, bytes: Uint8Array, signed: boolean): RemoteError {
  let reason = `http_${status}`;
  let message: string | undefined;
  try {
    const parsed = JSON.parse(utf8Decoder.decode(bytes)) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const { error, message: m } = parsed as { error?: unknown; message?: unknown };
      if (typeof error === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(error)) reason = error;
      if (typeof m === 'string') message = m.slice(0, MAX_REMOTE_MESSAGE_CHARS).replace(/[^\x20-\x7e]/g, '?');
    }
  } catch {
    // not JSON: the status alone
  }
  return new RemoteError(status, reason, message, signed);
}
