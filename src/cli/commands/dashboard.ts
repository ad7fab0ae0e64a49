import { Command, Option } from 'commander';
import { connectChain, type ChainClient } from '../../chain';
import { dashboardConfigSchema, dashboardEnvironment, loadConfig, type DashboardConfig } from '../../config';
import { startDashboard } from '../../dashboard';
import { createRootLogger } from '../../logging';
import { parseIntegerFlag } from '../parse-flags';
import { exitPromptly, processIo, type ChainIo } from './chain-command';
import type { StopSignals } from '../serve-until-signal';

export interface DashboardFlags {
  stateDir?: string;
  ledgerDir?: string;
  chain?: string;
  netuid?: number;
  port?: number;
  host?: string;
  refreshMs?: number;
  config?: string;
  logLevel?: DashboardConfig['logLevel'];
}

export function dashboardConfigOf(flags: DashboardFlags, env: NodeJS.ProcessEnv): DashboardConfig {
  return loadConfig(dashboardConfigSchema, {
    file: flags.config,
    env: dashboardEnvironment(env),
    flags: { stateDir: flags.stateDir, ledgerDir: flags.ledgerDir, chain: flags.chain, netuid: flags.netuid, port: flags.port, host: flags.host, refreshMs: flags.refreshMs, logLevel: flags.logLevel },
  });
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
  program
    .command('dashboard')
    .description('serve the dashboard: miners table, throughput over rounds, class mix and the buyback-and-burn books, updating live')
    .option('--state-dir <dir>', "the validator's state directory (env POG_VALIDATOR_STATE_DIR)")
    .option('--ledger-dir <dir>', 'the buyback-and-burn ledger directory (env POG_LEDGER_DIR)')
    .option('--chain <url>', 'subtensor node WebSocket endpoint, used with --netuid (default: ws://127.0.0.1:9944)')
    .addOption(new Option('--netuid <n>', 'subnet whose metagraph adds incentive and emission per miner').argParser(parseIntegerFlag('--netuid')))
    .addOption(new Option('--port <n>', 'port to listen on, 0 for any (env POG_DASHBOARD_PORT; default: 9180)').argParser(parseIntegerFlag('--port')))
    .option('--host <host>', 'address to bind (default: 127.0.0.1)')
    .addOption(new Option('--refresh-ms <ms>', 'how often the sources are re-read (default: 2000)').argParser(parseIntegerFlag('--refresh-ms')))
    .option('--config <file>', 'JSON file with the config keys (see docs/dashboard.md)')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: info)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText('after', '\nExample:\n  pog dashboard --state-dir ~/.pog/validator/1-5F… --ledger-dir ~/.pog/economy-ledger --chain ws://127.0.0.1:9944 --netuid 1\nSee docs/dashboard.md.')
    .action(async (flags: DashboardFlags) => {
      try {
        process.exitCode = await dashboardAction(flags);
      } finally {
        exitPromptly();
      }
    });
}
