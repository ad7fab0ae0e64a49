import { z } from 'zod';
import { SCOPES } from '../accounts/api-keys';
import { VERIFICATION_LEVELS } from '../jobs/quote';

export const createAccountBody = z.object({ name: z.string().min(1).max(64), scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).optional() }).strict();
export const createKeyBody = z.object({ scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length), label: z.string().max(64).default('') }).strict();
export const quoteBody = z
  .object({
    model: z.string().regex(/^[0-9a-f]{64}$/, 'a model is addressed by its SHA-256, 64 lower-case hex digits'),
    inputs: z.array(z.object({ name: z.string().min(1).max(256), dims: z.array(z.number().int().min(1).max(1 << 24)).max(8) }).strict()).min(1).max(16),
    verification: z.enum(VERIFICATION_LEVELS).default('spot'),
  })
  .strict();
