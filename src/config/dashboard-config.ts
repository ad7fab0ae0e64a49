import { z } from 'zod';
import { logLevelSchema } from './shared-schemas';
import { DEFAULT_CHAIN_ENDPOINT } from './chain-config';

/** `pog dashboard`: a config file, then env, then flags. See docs/dashboard.md. */
export const dashboardConfigSchema = z
  .object({
    stateDir: z.string().min(1).optional().describe("the validator's state directory (state.json, evidence/)"),
    ledgerDir: z.string().min(1).optional().describe('the buyback-and-burn ledger directory'),
    chain: z.string().min(1).default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor endpoint, used with netuid'),
    netuid: z.number().int().min(0).max(65535).optional().describe('subnet whose metagraph adds incentive and emission'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(9180),
    refreshMs: z.number().int().min(100).max(600_000).default(2000),
    logLevel: logLevelSchema.default('info'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.stateDir === undefined && c.ledgerDir === undefined && c.netuid === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stateDir'], message: 'give at least one source: --state-dir, --ledger-dir or --netuid (with --chain)' });
    }
  });
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

const text = (v: string | undefined) => (v ? v : undefined);
const int = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : v ? v : undefined);

export function dashboardEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof DashboardConfig, unknown>> {
  return { stateDir: text(env.POG_VALIDATOR_STATE_DIR), ledgerDir: text(env.POG_LEDGER_DIR), port: int(env.POG_DASHBOARD_PORT) };
}
