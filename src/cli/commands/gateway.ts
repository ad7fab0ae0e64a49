import { Command, Option } from 'commander';
import { connectChain, type ChainClient } from '../../chain';
import { startGateway } from '../../gateway';
import { gatewayConfigSchema, gatewayEnvironment, parseFiatRates, type GatewayConfig } from '../../gateway';
import { createRootLogger } from '../../logging';
import { parseIntegerFlag } from '../parse-flags';
import { serveUntilSignal, type StopSignals } from '../serve-until-signal';
import { exitPromptly, processIo, type ChainIo } from './chain-command';

export interface GatewayFlags {
  dataDir?: string;
  database?: string;
  host?: string;
  port?: number;
  chain?: string;
  fiatRates?: string;
  ledgerDir?: string;
  bondModulation?: number;
  logLevel?: GatewayConfig['logLevel'];
}

/** Flags over environment over defaults, validated; an error names the first bad key. */
export function gatewayConfigOf(flags: GatewayFlags, env: NodeJS.ProcessEnv): ReturnType<typeof gatewayConfigSchema.safeParse> {
  return gatewayConfigSchema.safeParse(Object.fromEntries(Object.entries({ ...gatewayEnvironment(env), ...flags }).filter(([, v]) => v !== undefined)));
}

/** `pog gateway`: serves the buyer API until SIGINT/SIGTERM; prints the URL. */
export async function gatewayAction(flags: GatewayFlags, io: ChainIo = processIo(), signals: StopSignals = process): Promise<number> {
  const parsed = gatewayConfigOf(flags, io.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    io.stderr.write(`pog gateway: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid configuration'}\n`);
    return 2;
  }
  const config = parsed.data;
  const logger = createRootLogger({ level: config.logLevel });
  let client: ChainClient | undefined;
  if (config.chain) client = await connectChain({ endpoint: config.chain, logger });
  const gateway = await startGateway({
    dataDir: config.dataDir,
    databaseUrl: config.database,
    host: config.host,
    port: config.port,
    depositSeed: config.depositSeed,
    adminToken: config.adminToken ?? null,
    fiat: config.webhookSecret ? { secret: config.webhookSecret, unitsPerMinor: parseFiatRates(config.fiatRates) } : undefined,
    chain: client,
    ledgerDir: config.ledgerDir,
    bondModulationPpm: BigInt(Math.round(config.bondModulation * 1_000_000)),
    logger,
  });
  io.stdout.write(`pog gateway: ${gateway.url} (database: ${gateway.db.kind}${client ? ', crediting TAO deposits' : ''})\n`);
  await serveUntilSignal({
    name: 'pog gateway',
    stoppingMessage: 'closing the API and the database',
    stop: async () => {
      await gateway.close();
      await client?.close();
    },
    signals,
    stderr: io.stderr,
    logger,
  });
  return 0;
}

export function registerGatewayCommand(program: Command): void {
  program
    .command('gateway')
    .description("serve the compute market's buyer API: accounts, scoped API keys, credits from TAO deposits and fiat webhooks, ONNX models, quotes")
    .option('--data-dir <dir>', 'where the embedded database lives (env POG_GATEWAY_DATA_DIR; default: ~/.pog/gateway)')
    .option('--database <url>', 'a PostgreSQL server instead of the embedded database: postgres://user@host/db (env POG_GATEWAY_DATABASE)')
    .option('--host <host>', 'address to bind (default: 127.0.0.1)')
    .addOption(new Option('--port <n>', 'port to listen on, 0 for any (default: 9190)').argParser(parseIntegerFlag('--port')))
    .option('--chain <url>', 'subtensor node whose finalized blocks credit TAO deposits (omit: no deposit scanning)')
    .option('--ledger-dir <dir>', 'the buyback-and-burn ledger settled job revenue is exported to, under job-<id> (env POG_LEDGER_DIR; omit: revenue waits in the database)')
    .addOption(new Option('--bond-modulation <x>', 'seed 004 BondModulation: a miner locks x × the job price of its deposited collateral per run, forfeited on a failed validation (default: 0, no bonds)').argParser(parseFloat))
    .option('--fiat-rates <list>', 'credit units per minor fiat unit, e.g. usd=2500000 (default: usd=2500000)')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: info)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText(
      'after',
      '\nSecrets come from the environment: POG_GATEWAY_DEPOSIT_SEED (required; deposit addresses derive from it),\nPOG_GATEWAY_ADMIN_TOKEN (enables POST /v1/accounts), POG_GATEWAY_WEBHOOK_SECRET (enables the payment webhook).\n\nExample:\n  POG_GATEWAY_DEPOSIT_SEED="//GatewayDev" POG_GATEWAY_ADMIN_TOKEN=… pog gateway --chain ws://127.0.0.1:9944\nSee docs/gateway.md.',
    )
    .action(async (flags: GatewayFlags) => {
      try {
        process.exitCode = await gatewayAction(flags);
      } finally {
        exitPromptly();
      }
    });
}
