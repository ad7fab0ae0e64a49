import type { Command } from 'commander';
import { connectChain, type ChainClient } from '../../chain';
import { dashboardConfigSchema, type DashboardConfig } from '../../config';
import { startDashboard } from '../../dashboard';
import { createRootLogger } from '../../logging';
import { ConfigOptions } from '../flags/config-options';
import { exitPromptly, processIo, type ChainIo } from './chain-command';
import type { StopSignals } from '../serve-until-signal';

/** The dashboard's flags, generated from its config schema (src/config/dashboard-config.ts). */
const DASHBOARD_OPTIONS = new ConfigOptions(dashboardConfigSchema);

export type DashboardFlags = Record<string, unknown> & { config?: string };

export function dashboardConfigOf(flags: DashboardFlags, env: NodeJS.ProcessEnv): DashboardConfig {
  return DASHBOARD_OPTIONS.load(flags, env);
}

/** `pog dashboard`: serves until SIGINT/SIGTERM; prints the URL. */
export async function dashboardAction(flags: DashboardFlags, io: ChainIo = processIo(), signals: StopSignals = process): Promise<number> {
  const config = dashboardConfigOf(flags, io.env);
  const logger = createRootLogger({ level: config.logLevel });
  let client: ChainClient | undefined;
  if (config.netuid !== undefined) client = await connectChain({ endpoint: config.chain, logger });
  const server = await startDashboard({
    host: config.host,
    port: config.port,
    refreshMs: config.refreshMs,
    sources: { validatorStateDir: config.stateDir, ledgerDir: config.ledgerDir, chain: client, netuid: config.netuid },
    logger,
  });
  io.stdout.write(`pog dashboard: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (): void => {
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      void (async () => {
        await server.close();
        await client?.close();
      })().then(resolve, resolve);
    };
    signals.once('SIGINT', onSignal);
    signals.once('SIGTERM', onSignal);
  });
  return 0;
}

export function registerDashboardCommand(program: Command): void {
  const command = program
    .command('dashboard')
    .description('serve the dashboard: miners table, throughput over rounds, class mix and the buyback-and-burn books, updating live');
  DASHBOARD_OPTIONS.addTo(command)
    .option('--config <file>', 'JSON file with the config keys (see docs/dashboard.md)')
    .addHelpText('after', '\nExample:\n  pog dashboard --state-dir ~/.pog/validator/1-5F… --ledger-dir ~/.pog/economy-ledger --chain ws://127.0.0.1:9944 --netuid 1\nSee docs/dashboard.md.')
    .action(async (flags: DashboardFlags) => {
      try {
        process.exitCode = await dashboardAction(flags);
      } finally {
        exitPromptly();
      }
    });
}
