/**
 * Header names and size bounds of the signed request/response scheme (Epistula v2 plus pog's
 * method-and-path binding). Names are lowercase, as Node reports them.
 */

/** The Epistula version this scheme speaks; `epistula-version` must be exactly this. */
export const EPISTULA_VERSION = '2';

/** Request headers (validator → miner). */
export const PROTOCOL_HEADERS = {
  version: 'epistula-version',
  timestamp: 'epistula-timestamp',
  uuid: 'epistula-uuid',
  signedBy: 'epistula-signed-by',
  signedFor: 'epistula-signed-for',
  signature: 'epistula-request-signature',
} as const;

/** Response headers (miner → validator); the signature is by the miner's hotkey. */
export const RESPONSE_HEADERS = {
  signedBy: 'epistula-signed-by',
  timestamp: 'epistula-timestamp',
  signature: 'epistula-response-signature',
} as const;

/** Longest value any of the headers above may have (a signature: `0x` + 128 hex digits). */
export const MAX_HEADER_VALUE_CHARS = 130;

/** Longest request path (with query) that is signed or verified. */
export const MAX_PATH_CHARS = 2048;

/** Default ± tolerance between a request's timestamp and the receiver's clock. */
export const DEFAULT_MAX_SKEW_MS = 10_000;

/**
 * Default bound on a request body. The largest PoG request (an audit request) is 8 KiB and a
 * challenge 4 KiB, so 64 KiB leaves room without letting a body cost anything.
 */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
