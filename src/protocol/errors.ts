import { BaseError } from '../base';

/**
 * Every way a signed request or response is refused: one class per failure mode, each with
 * the HTTP status a server answers with and a short machine-readable `reason`. Messages name
 * headers and addresses only, never a header's raw value, so they can be logged and sent back.
 */
export class ProtocolError extends BaseError {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(message, { details: { status, reason } });
  }
}

/** A required header is absent or empty. */
export class MissingHeaderError extends ProtocolError {
  constructor(readonly header: string) {
    super(`missing header ${header}`, 400, 'missing_header');
  }
}

/** A header (or the request line) is present but not well-formed: size, syntax, duplicates. */
export class MalformedHeaderError extends ProtocolError {
  constructor(
    readonly header: string,
    problem: string,
  ) {
    super(`malformed ${header}: ${problem}`, 400, 'malformed');
  }
}

/** `epistula-signed-for` names another hotkey than this receiver. */
export class WrongReceiverError extends ProtocolError {
  constructor(signedFor: string, receiver: string) {
    super(`request is signed for ${signedFor}, not for this receiver ${receiver}`, 401, 'bad_receiver');
  }
}

/** The signature does not verify over the exact message for the claimed signer. */
export class BadSignatureError extends ProtocolError {
  constructor(what = 'request') {
    super(`${what} signature does not verify`, 401, 'bad_signature');
  }
}

/** The timestamp is further than the allowed skew from the receiver's clock (past or future). */
export class StaleRequestError extends ProtocolError {
  constructor(
    readonly timestampMs: number,
    readonly nowMs: number,
    readonly maxSkewMs: number,
  ) {
    super(`timestamp is ${timestampMs - nowMs} ms from now; at most ±${maxSkewMs} ms is accepted`, 401, 'stale');
  }
}

/** This (sender, uuid) was already accepted within the replay window, or cannot be told apart from one that was. */
export class ReplayedRequestError extends ProtocolError {
  constructor(sender: string, uuid: string) {
    super(`request ${uuid} from ${sender} was already seen (or is too old to tell)`, 401, 'replayed');
  }
}

/** The signer is authentic but not allowed here (not registered, no permit, not staked enough…). */
export class SenderNotAllowedError extends ProtocolError {
  constructor(readonly sender: string) {
    super(`${sender} is not allowed to call this receiver`, 403, 'not_allowed');
  }
}

/** The request body is larger than the receiver accepts. */
export class BodyTooLargeError extends ProtocolError {
  constructor(readonly maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`, 413, 'body_too_large');
  }
}

/** The client went away before its request body ended. */
export class BodyAbortedError extends ProtocolError {
  constructor() {
    super('the client went away while sending its body', 400, 'body_aborted');
  }
}

/** A response is signed by another hotkey than the one the request was sent to. */
export class UnexpectedSignerError extends ProtocolError {
  constructor(signedBy: string, expected: string) {
    super(`response is signed by ${signedBy}, expected ${expected}`, 401, 'wrong_signer');
  }
}

/** signedFetch: the response body exceeded maxResponseBytes (declared or streamed). */
export class ResponseTooLargeError extends ProtocolError {
  constructor(readonly maxBytes: number) {
    super(`response body is larger than ${maxBytes} bytes`, 502, 'response_too_large');
  }
}

/** signedFetch: no complete response within timeoutMs. */
export class RequestTimeoutError extends ProtocolError {
  constructor(readonly timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`, 504, 'timeout');
  }
}

/** signedFetch: the caller's AbortSignal fired. */
export class RequestAbortedError extends ProtocolError {
  constructor() {
    super('request aborted by the caller', 499, 'aborted');
  }
}

/** signedFetch: the connection failed (refused, reset, DNS, redirect refused). */
export class TransportError extends ProtocolError {
  constructor(detail: string) {
    super(`request failed: ${detail}`, 502, 'transport');
  }
}

/** signedFetch: a signed 2xx response whose body is not UTF-8 JSON. */
export class MalformedResponseError extends ProtocolError {
  constructor(problem: string) {
    super(`malformed response: ${problem}`, 502, 'bad_response');
  }
}

/**
 * signedFetch: the receiver answered with a non-2xx status. `status` is the receiver's HTTP
 * status; `reason` is the `error` field of its JSON body when that is a short token
 * (`not_allowed`, `stale`…, see {@link protocolErrorBody}), else `http_<status>`. The body of
 * an error response is not required to be signed: treat it as information, not evidence.
 */
export class RemoteError extends ProtocolError {
  constructor(
    status: number,
    reason: string,
    readonly remoteMessage: string | undefined,
    /** The receiver signed this answer for this request (a refusal anyone on the path could have forged is unsigned). */
    readonly signed: boolean = false,
  ) {
    super(`receiver answered ${status} ${reason}${remoteMessage ? `: ${remoteMessage}` : ''}${signed ? '' : ' (unsigned)'}`, status, reason);
  }
}

/** The JSON body a server sends with a ProtocolError's status: `{ error: reason, message }`. */
export function protocolErrorBody(error: ProtocolError): { error: string; message: string } {
  return { error: error.reason, message: error.message };
}
