import type { z } from 'zod';
import { MessageValidationError } from './errors';
import {
  MAX_AUDIT_REQUEST_BYTES,
  MAX_AUDIT_RESPONSE_BYTES,
  MAX_CHALLENGE_BYTES,
  MAX_COMMITMENT_BYTES,
} from './limits';
import { AuditRequestSchema, AuditResponseSchema, ChallengeSchema, CommitmentSchema } from './messages';

/** Every wire message with its schema and raw byte bound. */
export const MESSAGES = {
  challenge: { schema: ChallengeSchema, maxBytes: MAX_CHALLENGE_BYTES },
  commitment: { schema: CommitmentSchema, maxBytes: MAX_COMMITMENT_BYTES },
  auditRequest: { schema: AuditRequestSchema, maxBytes: MAX_AUDIT_REQUEST_BYTES },
  auditResponse: { schema: AuditResponseSchema, maxBytes: MAX_AUDIT_RESPONSE_BYTES },
} as const;

export type MessageKind = keyof typeof MESSAGES;
export type MessageOf<K extends MessageKind> = z.infer<(typeof MESSAGES)[K]['schema']>;

/** At most this many issues are spelled out in the error message (all are in details). */
const ISSUES_IN_MESSAGE = 5;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function reject(kind: MessageKind, problem: string, issues: string[] = [problem]): never {
  throw new MessageValidationError(`invalid ${kind} message: ${problem}`, { kind, issues });
}

/** Checks an already-decoded value against the kind's schema. */
export function validateMessage<K extends MessageKind>(kind: K, value: unknown): MessageOf<K> {
  const result = MESSAGES[kind].schema.safeParse(value);
  if (result.success) return result.data as MessageOf<K>;
  const issues = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`);
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).join('; ');
  const more = issues.length > ISSUES_IN_MESSAGE ? `; and ${issues.length - ISSUES_IN_MESSAGE} more` : '';
  return reject(kind, shown + more, issues);
}

/**
 * Parses an untrusted raw message. The byte bound is enforced before JSON.parse, so an
 * oversized message costs nothing to refuse; bytes must be valid UTF-8.
 */
export function parseMessage<K extends MessageKind>(kind: K, raw: string | Uint8Array): MessageOf<K> {
  const { maxBytes } = MESSAGES[kind];
  let text: string;
  if (typeof raw === 'string') {
    // UTF-8 never takes fewer bytes than UTF-16 code units, so the cheap check is safe.
    if (raw.length > maxBytes || Buffer.byteLength(raw, 'utf8') > maxBytes) reject(kind, `larger than ${maxBytes} bytes`);
    text = raw;
  } else if (raw instanceof Uint8Array) {
    if (raw.length > maxBytes) reject(kind, `larger than ${maxBytes} bytes`);
    try {
      text = utf8.decode(raw);
    } catch {
      return reject(kind, 'not valid UTF-8');
    }
  } else {
    return reject(kind, 'must be a string or bytes');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject(kind, 'not valid JSON');
  }
  return validateMessage(kind, value);
}

/** Validates and encodes a message as compact JSON, refusing one the receiver would refuse. */
export function serialiseMessage<K extends MessageKind>(kind: K, message: MessageOf<K>): string {
  const valid = validateMessage(kind, message);
  const text = JSON.stringify(valid);
  const { maxBytes } = MESSAGES[kind];
  if (Buffer.byteLength(text, 'utf8') > maxBytes) reject(kind, `larger than ${maxBytes} bytes`);
  return text;
}
