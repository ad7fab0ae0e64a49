import { z } from 'zod';
import { publicKeyOfAddress, ss58Address } from '../chain/keys';
import { MalformedHeaderError, MissingHeaderError } from './errors';
import { EPISTULA_VERSION, MAX_HEADER_VALUE_CHARS, MAX_PATH_CHARS } from './headers';

/** A UUID of version 4 (random) or 7 (time-ordered), RFC 9562 variant, either case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Recent answers of isCanonicalSs58: every signed message carries the same few peers' addresses. */
const CANONICAL_CACHE_LIMIT = 4096;
const canonical = new Map<string, boolean>();

/** Whether `value` is a canonical ss58 address of a 32-byte key with Bittensor's prefix 42. */
export function isCanonicalSs58(value: string): boolean {
  let answer = canonical.get(value);
  if (answer === undefined) {
    const publicKey = publicKeyOfAddress(value);
    answer = publicKey !== null && ss58Address(publicKey) === value;
    if (canonical.size >= CANONICAL_CACHE_LIMIT) canonical.clear(); // bounded: a flood of addresses costs only recomputation
    canonical.set(value, answer);
  }
  return answer;
}

export const versionValue = z.literal(EPISTULA_VERSION, { error: `must be ${EPISTULA_VERSION}` });

/** Milliseconds since the epoch as plain decimal digits (no sign, no leading zero). */
export const timestampValue = z
  .string()
  .max(16, 'too long')
  .regex(/^[1-9][0-9]{0,15}$/, 'must be milliseconds as decimal digits')
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), 'out of range');

export const uuidValue = z.string().length(36, 'must be a 36-character UUID').regex(UUID_PATTERN, 'must be a UUID v4 or v7');

/**
 * An ss58 address, canonical for prefix 42. Only one spelling per key is accepted, so the
 * sender (which replay protection keys on) cannot be re-spelled under a captured signature.
 */
export const ss58Value = z
  .string()
  .min(40, 'too short for an ss58 address')
  .max(60, 'too long for an ss58 address')
  .regex(/^[1-9A-HJ-NP-Za-km-z]+$/, 'must be base58')
  .refine(isCanonicalSs58, 'must be a valid ss58 address with prefix 42');

export const signatureValue = z
  .string()
  .length(130, 'must be 0x and 128 hex digits')
  .regex(/^0x[0-9a-fA-F]{128}$/, 'must be 0x and 128 hex digits');

type Headers = Record<string, string | string[] | undefined>;

/**
 * The values of `names` from untrusted headers, looked up case-insensitively. Absent or empty
 * → MissingHeaderError (first in `names` order); repeated, over-long or non-string →
 * MalformedHeaderError. Nothing else in `headers` is looked at beyond its key.
 */
export function pickHeaders<N extends string>(headers: Headers, names: readonly N[]): Record<N, string> {
  if (typeof headers !== 'object' || headers === null) throw new MissingHeaderError(names[0] ?? 'headers');
  const wanted = new Set<string>(names);
  const found = new Map<string, string | string[] | undefined>();
  for (const key of Object.keys(headers)) {
    const lower = key.toLowerCase();
    if (!wanted.has(lower) || headers[key] === undefined) continue;
    if (found.has(lower)) throw new MalformedHeaderError(lower, 'given more than once');
    found.set(lower, headers[key]);
  }
  const out = {} as Record<N, string>;
  for (const name of names) {
    let value = found.get(name);
    if (Array.isArray(value)) {
      if (value.length > 1) throw new MalformedHeaderError(name, 'given more than once');
      value = value[0];
    }
    if (value === undefined || value === null || value === '') throw new MissingHeaderError(name);
    if (typeof value !== 'string') throw new MalformedHeaderError(name, 'not a string');
    if (value.length > MAX_HEADER_VALUE_CHARS) throw new MalformedHeaderError(name, `longer than ${MAX_HEADER_VALUE_CHARS} characters`);
    out[name] = value;
  }
  return out;
}

/** Parses one header value with its schema, turning a zod failure into MalformedHeaderError. */
export function parseHeader<T>(name: string, schema: z.ZodType<T, string>, value: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new MalformedHeaderError(name, result.error.issues[0]?.message ?? 'invalid');
}

/** The HTTP method as signed: upper case letters only. */
export function normaliseMethod(method: string): string | null {
  if (typeof method !== 'string') return null;
  const upper = method.toUpperCase();
  return /^[A-Z]{1,16}$/.test(upper) ? upper : null;
}

/** A request target as signed: starts with '/', printable ASCII without spaces, bounded. */
export function isSignablePath(path: string): boolean {
  return typeof path === 'string' && path.length <= MAX_PATH_CHARS && /^\/[\x21-\x7e]*$/.test(path);
}
