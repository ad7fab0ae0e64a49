import { z } from 'zod';
import { workloadParamsSchema } from '../workload';
import { base64DecodedLength, isCanonicalBase64 } from './encoding';
import {
  MAX_AUDIT_ROWS,
  MAX_OPENING_BASE64_CHARS,
  MAX_PROOF_HASHES,
  MAX_ROWS,
  MAX_TIMING_MS,
  PROTOCOL_VERSION,
} from './limits';

const isPowerOfTwo = (v: number) => v > 0 && (v & (v - 1)) === 0;
const allDistinct = (values: readonly number[]) => new Set(values).size === values.length;

/** 32 bytes as exactly 64 lowercase hex characters. */
export const hex32Schema = z
  .string()
  .length(64, 'must be 64 hex characters (32 bytes)')
  .regex(/^[0-9a-f]{64}$/, 'must be lowercase hex');

const versionSchema = z.literal(PROTOCOL_VERSION);
const rowIndexSchema = z.number().int().min(0).max(MAX_ROWS - 1);
const timingSchema = z.number().min(0).max(MAX_TIMING_MS);

/** Validator → miner: compute this workload for this seed. */
export const ChallengeSchema = z
  .object({
    version: versionSchema,
    challengeId: hex32Schema,
    seed: hex32Schema,
    params: workloadParamsSchema,
    device: z.enum(['cpu', 'cuda']).optional(),
    issuedAtMs: z.number().int().min(0),
  })
  .strict();

/** The miner's own phase timings: informational, never used for scoring. */
export const MinerTimingsSchema = z
  .object({
    sessionCreateMs: timingSchema.optional(),
    generateMs: timingSchema.optional(),
    runMs: timingSchema.optional(),
    readbackMs: timingSchema.optional(),
    hashMs: timingSchema.optional(),
    totalMs: timingSchema.optional(),
  })
  .strict();

/** Miner → validator: the Merkle root of the output rows. */
export const CommitmentSchema = z
  .object({
    version: versionSchema,
    challengeId: hex32Schema,
    root: hex32Schema,
    leafCount: z.number().int().min(1).max(MAX_ROWS).refine(isPowerOfTwo, 'must be a power of two'),
    minerTimings: MinerTimingsSchema.optional(),
  })
  .strict();

/** Validator → miner: open the leaves holding these rows. */
export const AuditRequestSchema = z
  .object({
    version: versionSchema,
    challengeId: hex32Schema,
    rows: z.array(rowIndexSchema).min(1).max(MAX_AUDIT_ROWS).refine(allDistinct, 'rows must be distinct'),
  })
  .strict();

/** One opened leaf on the wire: rows as base64 of little-endian float32, proof bottom-up. */
export const OpeningWireSchema = z
  .object({
    leafIndex: rowIndexSchema,
    rows: z
      .string()
      .min(4)
      .max(MAX_OPENING_BASE64_CHARS)
      .refine(isCanonicalBase64, 'must be canonical padded base64')
      .refine((s) => base64DecodedLength(s) % 4 === 0, 'must decode to whole float32 values'),
    proof: z.array(hex32Schema).max(MAX_PROOF_HASHES),
  })
  .strict();

/** Miner → validator: the openings for an audit request. */
export const AuditResponseSchema = z
  .object({
    version: versionSchema,
    challengeId: hex32Schema,
    openings: z
      .array(OpeningWireSchema)
      .min(1)
      .max(MAX_AUDIT_ROWS)
      .refine((o) => allDistinct(o.map((x) => x.leafIndex)), 'leaf indices must be distinct'),
  })
  .strict();

export type Challenge = z.infer<typeof ChallengeSchema>;
export type MinerTimings = z.infer<typeof MinerTimingsSchema>;
export type Commitment = z.infer<typeof CommitmentSchema>;
export type AuditRequest = z.infer<typeof AuditRequestSchema>;
export type OpeningWire = z.infer<typeof OpeningWireSchema>;
export type AuditResponse = z.infer<typeof AuditResponseSchema>;
