import { z } from 'zod';
import { isCanonicalSs58 } from '../../protocol';
import { SCOPES } from '../accounts/api-keys';
import { MAX_DEADLINE_MS, MIN_DEADLINE_MS } from '../jobs/jobs';
import { VERIFICATION_LEVELS } from '../jobs/quote';
import { tensorSchema } from '../jobs/tensors';

export const createAccountBody = z.object({ name: z.string().min(1).max(64), scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).optional() }).strict();
export const createKeyBody = z.object({ scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length), label: z.string().max(64).default('') }).strict();
export const quoteBody = z
  .object({
    model: z.string().regex(/^[0-9a-f]{64}$/, 'a model is addressed by its SHA-256, 64 lower-case hex digits'),
    inputs: z.array(z.object({ name: z.string().min(1).max(256), dims: z.array(z.number().int().min(1).max(1 << 24)).max(8) }).strict()).min(1).max(16),
    verification: z.enum(VERIFICATION_LEVELS).default('spot'),
  })
  .strict();

export const submitJobBody = z
  .object({
    model: z.string().regex(/^[0-9a-f]{64}$/, 'a model is addressed by its SHA-256, 64 lower-case hex digits'),
    inputs: z.array(tensorSchema).min(1).max(16),
    minClass: z.string().min(1).max(32),
    deadlineMs: z.number().int().min(MIN_DEADLINE_MS).max(MAX_DEADLINE_MS),
    maxPrice: z.string().regex(/^\d{1,19}$/, 'a whole number of credit units as a decimal string'),
    verification: z.enum(VERIFICATION_LEVELS).default('spot'),
  })
  .strict();

export const bondDepositBody = z
  .object({
    miner: z.string().max(64).refine(isCanonicalSs58, 'a miner hotkey: an ss58 address with prefix 42'),
    amount: z.string().regex(/^\d{1,19}$/, 'a whole number of credit units as a decimal string'),
    ref: z.string().min(1).max(200),
  })
  .strict();
