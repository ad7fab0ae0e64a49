import { randomBytes } from 'node:crypto';

/** A random identifier with a readable prefix: `acct_3f9c…` (96 bits: unguessable and collision-free in practice). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** Milliseconds since the epoch as the BIGINT the database stores. */
export function nowMs(): bigint {
  return BigInt(Date.now());
}
