import { z } from 'zod';
import { logLevelSchema } from './shared-schemas';

/** `pog demo` (what `npm start` runs): where it keeps its state and how it paces the chain. */
export const demoConfigSchema = z
  .object({
    dataDir: z.string().min(1).default('.pog/demo').describe('the demo\'s chain, validator state and subnet record'),
    reset: z.boolean().default(false).describe('delete the data directory first'),
    port: z.number().int().min(0).max(65535).default(9944).describe('devnet JSON-RPC port (0: any free port)'),
    blockTime: z.number().int().min(50).max(60_000).default(500).describe('milliseconds between blocks'),
    tempo: z.number().int().min(2).max(360).default(10).describe('subnet tempo in blocks'),
    untilScores: z.boolean().default(false).describe('exit once the first scores table is printed'),
    dashboardPort: z.number().int().min(0).max(65535).default(9180).describe('dashboard port (0: any free port)'),
    logLevel: logLevelSchema.default('warn'),
  })
  .strict();

export type DemoConfig = z.infer<typeof demoConfigSchema>;
