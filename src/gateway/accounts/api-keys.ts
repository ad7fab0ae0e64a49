import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a key may do. A key carries a subset; each route names the one it needs. */
export const SCOPES = ['account:read', 'jobs:read', 'jobs:write', 'keys:manage'] as const;
export type Scope = (typeof SCOPES)[number];

const TOKEN = /^pog_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedKey {
  /** The public half, stored in clear and shown in listings. */
  readonly id: string;
  /** The whole key, shown to the buyer once and never stored. */
  readonly token: string;
  /** SHA-256 of the secret half, hex: what the database keeps. */
  readonly secretHash: string;
}

/** SHA-256 is enough here: the secret is 256 random bits, so there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `pog_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** The id and secret of a well-formed key, or null. */
export function parseApiKey(token: string): { id: string; secret: string } | null {
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/** Whether `secret` hashes to `storedHash`, in time independent of where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
