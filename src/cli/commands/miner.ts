import type { Command } from 'commander';
import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainUnreachableError, InvalidChainInputError, InvalidEndpointError, keypairFromUri, loadHotkey, type WalletLocation } from '../../chain';
import { ConfigError, DEFAULT_CHAIN_ENDPOINT, loadConfig, minerConfigSchema, minerEnvironment, type MinerConfig } from '../../config';
import { createRootLogger, type Logger } from '../../logging';
import { describeServe, NotRegisteredError, startMiner, type RunningMiner } from '../../miner';
import { ConfigOptions } from '../flags/config-options';
import { serveUntilSignal, type StopSignals } from '../serve-until-signal';
import { promptHidden } from '../prompt-hidden';
import { reportFatal } from '../report-fatal';
import { exitPromptly, processIo, walletOf, walletOptions, type ChainIo } from './chain-command';

/** The miner's flags, generated from its config schema (src/config/miner-config.ts). */
const MINER_OPTIONS = new ConfigOptions(minerConfigSchema);

/** Parsed flags: the generated ones by commander attribute name, plus --config and the wallet's. */
export type MinerFlags = Record<string, unknown> & {
  config?: string;
  'wallet.name'?: string;
  'wallet.hotkey'?: string;
  'wallet.path'?: string;
};

function configOf(flags: MinerFlags, env: NodeJS.ProcessEnv): MinerConfig {
  return loadConfig(minerConfigSchema, { file: flags.config, env: minerEnvironment(env), flags: MINER_OPTIONS.values(flags) });
}

/** The `pog register` line an operator whose hotkey has no uid should run. */
function registerCommandFor(config: MinerConfig, wallet: WalletLocation | null): string {
  const chain = config.chain === DEFAULT_CHAIN_ENDPOINT ? '' : ` --chain ${config.chain}`;
  const key = wallet ? `--wallet.name ${wallet.name} --wallet.hotkey ${wallet.hotkey}` : `--hotkey-uri ${config.hotkeyUri ?? '//Hotkey'} --coldkey-uri //<funded coldkey>`;
  return `pog register --netuid ${config.netuid} ${key}${chain}`;
}

async function minerHotkey(config: MinerConfig, wallet: WalletLocation | null, io: ChainIo, logger: Logger): Promise<KeyringPair> {
  if (!wallet) return keypairFromUri(config.hotkeyUri!);
  const prompt = io.stdin.isTTY ? async ({ path }: { path: string }) => promptHidden(`Password for ${path}: `, io) : undefined;
  return loadHotkey(wallet, { env: io.env, prompt, logger: logger.child({ module: 'wallet' }) });
}

/**
 * `pog miner`: starts the miner and serves until SIGINT or SIGTERM, then stops gracefully.
 * Returns the exit code: 0 after a clean stop, 2 for bad input or an unregistered hotkey.
 * Other failures throw (reportFatal prints them, exit 1).
 */
export async function minerAction(flags: MinerFlags, io: ChainIo = processIo(), signals: StopSignals = process): Promise<number> {
  const config = configOf(flags, io.env);
  const logger = createRootLogger({ level: config.logLevel });
  logger.info({ config }, 'pog miner configuration');
  const wallet = config.hotkeyUri ? null : walletOf(flags, io.env);
  const hotkey = await minerHotkey(config, wallet, io, logger);
  let miner: RunningMiner;
  try {
    miner = await startMiner({
      hotkey,
      netuid: config.netuid,
      chain: config.chain,
      connectRetry: { attempts: config.connectAttempts, initialDelayMs: 250, maxDelayMs: 4000 },
      device: config.device,
      deviceId: config.deviceId,
      threads: config.threads,
      host: config.axonHost,
      port: config.axonPort,
      externalIp: config.axonExternalIp,
      externalPort: config.axonExternalPort,
      allow: config.allow,
      metagraphRefreshMs: config.metagraphRefresh * 1000,
      queueSize: config.queueSize,
      perValidator: config.perValidator,
      connections: { maxPerAddress: config.axonMaxPerAddress, headersMs: config.axonHeadersTimeout * 1000, bodyMs: config.axonBodyTimeout * 1000 },
      audit: { ttlMs: config.auditTtl * 1000, perValidator: config.auditPerValidator, maxBytes: config.auditMaxMib * 2 ** 20 },
      maxChallengeSeconds: config.maxChallengeSeconds,
      memoryFraction: config.memoryFraction,
      maxSkewMs: config.maxSkew * 1000,
      jobs: config.jobs
        ? {
            maxModelBytes: config.jobsMaxModelMib * 2 ** 20,
            cacheBytes: config.jobsCacheMib * 2 ** 20,
            cacheBytesPerValidator: Math.min(config.jobsCachePerValidatorMib, config.jobsCacheMib) * 2 ** 20,
            jobsPerValidator: config.jobsPerValidator,
            maxQueuedJobs: config.jobsMaxQueued,
            maxRunMs: config.jobsMaxRunSeconds * 1000,
          }
        : false,
      warmup: config.warmup,
      stopGraceMs: config.stopGrace * 1000,
      registerCommand: registerCommandFor(config, wallet),
      logger,
    });
  } catch (error) {
    if (error instanceof NotRegisteredError) return reportFatal(error, io.stderr);
    if (error instanceof InvalidChainInputError || error instanceof InvalidEndpointError) throw new ConfigError(error.message);
    if (error instanceof ChainUnreachableError) throw new ChainUnreachableError(config.chain, error.attempts, `${error.details.reason as string} (start a node, e.g. \`pog devnet\`, or pass --chain)`);
    throw error;
  }
  io.stdout.write(
    `pog miner: hotkey ${hotkey.address} (uid ${miner.uid} on subnet ${config.netuid}) serving on ${config.device} at ${config.axonHost}:${miner.port}; ` +
      `${describeServe(miner.axon)}\n`,
  );
  await serveUntilSignal({
    name: 'pog miner',
    stoppingMessage: 'a running challenge may finish first',
    stop: () => miner.stop(),
    signals,
    stderr: io.stderr,
    logger,
  });
  return 0;
}

export function registerMinerCommand(program: Command): void {
  const command = program
    .command('miner')
    .description('run a miner: check registration, probe capacity, serve the axon (signed PoG challenges) and announce it on chain, until SIGINT/SIGTERM');
  MINER_OPTIONS.addTo(command);
  walletOptions(command)
    .option('--config <file>', 'JSON file with the config keys (see docs/miner.md)')
    .addHelpText(
      'after',
      '\nServes GET /health, GET /metrics (Prometheus), GET /capacity, POST /ping, POST /challenge, POST /audit, and the compute market\'s\n' +
        'POST /job and POST /model (after challenges in the device queue; --no-jobs turns them off); every request but\n' +
        '/health and /metrics must be signed by a validator hotkey (validator permit on the subnet, or --allow). See docs/miner.md.\n\n' +
        'Example:\n  pog miner --netuid 1 --wallet.name miner --wallet.hotkey default --device cuda --axon.port 8091 --axon.external-ip 203.0.113.7',
    )
    .action(async (flags: MinerFlags) => {
      try {
        process.exitCode = await minerAction(flags);
      } finally {
        exitPromptly();
      }
    });
}
