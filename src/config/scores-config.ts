import { z } from 'zod';
import { chainCommandConfigSchema } from './chain-config';
import { fromCli } from './config-keys';

/** `pog scores`: the chain connection settings, and the subnet (default 1, the devnet's first). */
export const scoresConfigSchema = chainCommandConfigSchema
  .extend({ netuid: fromCli(z.number().int().min(0).max(65535).default(1).describe('the subnet whose scores to read')) })
  .strict();

export type ScoresConfig = z.infer<typeof scoresConfigSchema>;
