import type { Command } from 'commander';
import { connectChain, keypairFromUri, loadHotkey, loadMetagraph, type ChainClient } from '../../chain';
import { ConfigError } from '../../config';
import { createMinerJobClient, gatewayConfigSchema, parseFiatRates, startGateway, validatorDirectory, type GatewayConfig, type GatewayDispatch } from '../../gateway';
import { createRootLogger, type Logger } from '../../logging';
import { ConfigOptions } from '../flags/config-options';
import { serveUntilSignal, type StopSignals } from '../serve-until-signal';
import { exitPromptly, processIo, walletOf, walletOptions, type ChainIo } from './chain-command';
import { defaultStateDir } from './validator';

/** The gateway's flags, generated from its config schema (src/gateway/gateway-config.ts); the secrets are environment only. */
const GATEWAY_OPTIONS = new ConfigOptions(gatewayConfigSchema);

export type GatewayFlags = Record<string, unknown> & { config?: string; 'wallet.name'?: string; 'wallet.hotkey'?: string; 'wallet.path'?: string };

/** With --netuid: the validator hotkey, the miner job client and the directory of miners that passed the validator's last round. */
async function dispatchOf(config: GatewayConfig, client: ChainClient | undefined, flags: GatewayFlags, io: ChainIo, logger: Logger): Promise<GatewayDispatch | undefined> {
  if (config.netuid === undefined) return undefined;
  const netuid = config.netuid;
  if (!client) throw new ConfigError('--netuid needs --chain: the miners jobs go to are read from its metagraph');
  const signer = config.hotkeyUri ? keypairFromUri(config.hotkeyUri) : await loadHotkey(walletOf(flags, io.env), { env: io.env, logger: logger.child({ module: 'wallet' }) });
  const stateDir = config.validatorStateDir ?? defaultStateDir(netuid, signer.address);
  return {
    signer,
    execute: createMinerJobClient({ signer }),
    directory: validatorDirectory({ stateDir, netuid, hotkey: signer.address, metagraph: () => loadMetagraph(client, netuid) }),
  };
}

/** `pog gateway`: serves the buyer API until SIGINT/SIGTERM; prints the URL. */
export async function gatewayAction(flags: GatewayFlags, io: ChainIo = processIo(), signals: StopSignals = process): Promise<number> {
  const config = GATEWAY_OPTIONS.load(flags, io.env);
  const logger = createRootLogger({ level: config.logLevel });
  let client: ChainClient | undefined;
  if (config.chain) client = await connectChain({ endpoint: config.chain, logger });
  const dispatch = await dispatchOf(config, client, flags, io, logger);
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
    dispatch,
    logger,
  });
  const serving = [`database: ${gateway.db.kind}`, client ? 'crediting TAO deposits' : null, dispatch ? `dispatching jobs to subnet ${config.netuid}'s miners as ${dispatch.signer.address}` : 'no dispatch (jobs wait; pass --netuid)'];
  io.stdout.write(`pog gateway: ${gateway.url} (${serving.filter(Boolean).join(', ')})\n`);
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
  const command = program
    .command('gateway')
    .description("serve the compute market's buyer API: accounts, scoped API keys, credits from TAO deposits and fiat webhooks, ONNX models, quotes, and jobs dispatched to the subnet's verified miners");
  GATEWAY_OPTIONS.addTo(command);
  walletOptions(command)
    .option('--config <file>', 'JSON file with the config keys (see docs/gateway.md)')
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
