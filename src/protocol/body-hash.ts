import { createHash } from 'node:crypto';

/** SHA-256 of nothing: every GET is signed over it. */
const EMPTY_BODY_SHA256_HEX = createHash('sha256').digest('hex');

/** Lowercase hex SHA-256 of the exact body bytes (of nothing for an empty body). */
export function bodySha256Hex(body: Uint8Array): string {
  return body.length === 0 ? EMPTY_BODY_SHA256_HEX : createHash('sha256').update(body).digest('hex');
}
