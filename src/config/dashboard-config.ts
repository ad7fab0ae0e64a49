import { z } from 'zod';
import { logLevelSchema } from './shared-schemas';
import { DEFAULT_CHAIN_ENDPOINT } from './chain-config';
import { environmentOf, fromCli } from './config-keys';

/** `pog dashboard`: a config file, then env, then flags. See docs/dashboard.md. */
export const dashboardConfigSchema = z
  .object({
    stateDir: fromCli(z.string().min(1).optional().describe("the validator's state directory (state.json, evidence/)"), { env: 'POG_VALIDATOR_STATE_DIR', value: '<dir>' }),
    ledgerDir: fromCli(z.string().min(1).optional().describe('the buyback-and-burn ledger directory'), { env: 'POG_LEDGER_DIR', value: '<dir>' }),
    chain: fromCli(z.string().min(1).default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor node WebSocket endpoint, used with --netuid'), { value: '<url>' }),
    netuid: fromCli(z.number().int().min(0).max(65535).optional().describe('subnet whose metagraph adds incentive and emission per miner')),
    host: fromCli(z.string().min(1).default('127.0.0.1').describe('address to bind'), { value: '<host>' }),
    port: fromCli(z.number().int().min(0).max(65535).default(9180).describe('port to listen on, 0 for any'), { env: 'POG_DASHBOARD_PORT' }),
    refreshMs: fromCli(z.number().int().min(100).max(600_000).default(2000).describe('how often the sources are re-read, in ms'), { value: '<ms>' }),
    logLevel: fromCli(logLevelSchema.default('info').describe('log verbosity on stderr'), { value: '<level>' }),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.stateDir === undefined && c.ledgerDir === undefined && c.netuid === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stateDir'], message: 'give at least one source: --state-dir, --ledger-dir or --netuid (with --chain)' });
    }
  });
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

export function dashboardEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof DashboardConfig, unknown>> {
  return environmentOf(dashboardConfigSchema, env);
}
