import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of the exact body bytes (of nothing for an empty body). */
export function bodySha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}
