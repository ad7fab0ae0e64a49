import { blake2AsU8a } from '@polkadot/util-crypto';
import { z } from 'zod';
import { workloadParamsSchema } from '../pog';
import { BaseError, canonicalJson } from '../base';
import { EVIDENCE_KIND, EVIDENCE_VERSION, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_CODE, type ChainEvidence } from './evidence';

/** Why published evidence was refused by a reader. */
export class EvidenceFormatError extends BaseError {}

const ss58 = z.string().min(40).max(64).regex(/^[1-9A-HJ-NP-Za-km-z]+$/);

export const evidenceEntrySchema = z
  .object({
    uid: z.number().int().min(0).max(0xffff),
    hotkey: ss58,
    tflops: z.number().min(0).max(1e9),
    class: z.string().max(64).nullable(),
    outcome: z.enum(['passed', 'failed', 'unavailable']),
    code: z.string().max(MAX_EVIDENCE_CODE),
  })
  .strict();

export const evidenceDocumentSchema = z
  .object({
    kind: z.literal(EVIDENCE_KIND),
    version: z.literal(EVIDENCE_VERSION),
    netuid: z.number().int().min(0).max(0xffff),
    validator: ss58,
    round: z.number().int().min(0),
    block: z.number().int().min(0),
    startedAtMs: z.number().int().min(0),
    params: workloadParamsSchema,
    results: z.array(evidenceEntrySchema).max(4096),
  })
  .strict();

/**
 * Parses published evidence (canonical JSON bytes or text): size-bounded, schema-checked, and
 * canonical (re-encoding gives the same bytes, so the digest covers exactly what is shown).
 */
export function parseEvidence(input: string | Uint8Array): ChainEvidence {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new EvidenceFormatError(`evidence is ${bytes.length} bytes, over the ${MAX_EVIDENCE_BYTES}-byte limit`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EvidenceFormatError(`evidence is not JSON: ${(error as Error).message}`);
  }
  const parsed = evidenceDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EvidenceFormatError(`evidence does not match the format: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  if (canonicalJson(parsed.data) !== text) throw new EvidenceFormatError('evidence is not canonical JSON (keys sorted, no whitespace)');
  return parsed.data as ChainEvidence;
}

/** The commitment's fields: the evidence digest (Raw32) and the remark's block number (Raw4, u32 little-endian). */
export function encodeEvidenceCommitment(digest: Uint8Array, remarkBlock: number): [Uint8Array, Uint8Array] {
  if (digest.length !== 32) throw new RangeError(`an evidence digest is 32 bytes, got ${digest.length}`);
  if (!Number.isInteger(remarkBlock) || remarkBlock < 0 || remarkBlock > 0xffffffff) throw new RangeError(`block ${remarkBlock} is not a u32`);
  const block = new Uint8Array(4);
  new DataView(block.buffer).setUint32(0, remarkBlock, true);
  return [digest, block];
}

/** The digest (0x-hex) and remark block of an evidence commitment, or null when the fields are not one (e.g. a digest-only commitment of an older validator: `block` null). */
export function decodeEvidenceCommitment(fields: readonly Uint8Array[]): { digest: string; remarkBlock: number | null } | null {
  const [digest, block] = fields;
  if (!digest || digest.length !== 32) return null;
  const hex = `0x${Buffer.from(digest).toString('hex')}`;
  if (fields.length === 1) return { digest: hex, remarkBlock: null };
  if (!block || block.length !== 4 || fields.length !== 2) return null;
  return { digest: hex, remarkBlock: new DataView(block.buffer, block.byteOffset, 4).getUint32(0, true) };
}

/** blake2-256 of bytes as 0x-hex (what the `System.Remarked` event carries). */
export function remarkHash(bytes: Uint8Array): string {
  return `0x${Buffer.from(blake2AsU8a(bytes, 256)).toString('hex')}`;
}
