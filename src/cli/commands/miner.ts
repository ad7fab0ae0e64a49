import { Command, Option } from 'commander';
import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainUnreachableError, InvalidChainInputError, InvalidEndpointError, keypairFromUri, loadHotkey, type WalletLocation } from '../../chain';
import { ConfigError, DEFAULT_CHAIN_ENDPOINT, loadConfig, minerConfigSchema, minerEnvironment, type MinerConfig } from '../../config';
import { createRootLogger, type Logger } from '../../logging';
import { describeServe, NotRegisteredError, startMiner, type RunningMiner } from '../../miner';
import { parseIntegerFlag } from '../parse-flags';
import { serveUntilSignal, type StopSignals } from '../serve-until-signal';
import { promptHidden } from '../prompt-hidden';
import { reportFatal } from '../report-fatal';
import { exitPromptly, processIo, walletOf, type ChainIo } from './chain-command';

export interface MinerFlags {
  netuid?: number;
  chain?: string;
  connectAttempts?: number;
  hotkeyUri?: string;
  device?: 'cpu' | 'cuda';
  deviceId?: number;
  threads?: number;
  'axon.host'?: string;
  'axon.port'?: number;
  'axon.externalIp'?: string;
  'axon.externalPort'?: number;
  allow?: string[];
  metagraphRefresh?: number;
  queueSize?: number;
  perValidator?: number;
  'axon.maxPerAddress'?: number;
  /** false with --no-jobs; commander's default true means "not given". */
  jobs?: boolean;
  jobsCacheMib?: number;
  warmup?: string[];
  config?: string;
  logLevel?: MinerConfig['logLevel'];
  'wallet.name'?: string;
  'wallet.hotkey'?: string;
  'wallet.path'?: string;
}


const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

function configOf(flags: MinerFlags, env: NodeJS.ProcessEnv): MinerConfig {
  return loadConfig(minerConfigSchema, {
    file: flags.config,
    env: minerEnvironment(env),
    flags: {
      netuid: flags.netuid,
      chain: flags.chain,
      connectAttempts: flags.connectAttempts,
      hotkeyUri: flags.hotkeyUri,
      device: flags.device,
      deviceId: flags.deviceId,
      threads: flags.threads,
      axonHost: flags['axon.host'],
      axonPort: flags['axon.port'],
      axonExternalIp: flags['axon.externalIp'],
      axonExternalPort: flags['axon.externalPort'],
      allow: flags.allow,
      metagraphRefresh: flags.metagraphRefresh,
      queueSize: flags.queueSize,
      perValidator: flags.perValidator,
      axonMaxPerAddress: flags['axon.maxPerAddress'],
      jobs: flags.jobs === false ? false : undefined,
      jobsCacheMib: flags.jobsCacheMib,
      warmup: flags.warmup,
      logLevel: flags.logLevel,
    },
  });
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
  program
    .command('miner')
    .description('run a miner: check registration, probe capacity, serve the axon (signed PoG challenges) and announce it on chain, until SIGINT/SIGTERM')
    .addOption(new Option('--netuid <n>', 'the subnet the hotkey is registered on').argParser(parseIntegerFlag('--netuid')))
    .option('--chain <url>', 'subtensor node WebSocket endpoint (env POG_CHAIN; default: ws://127.0.0.1:9944)')
    .option('--wallet.name <name>', 'wallet directory under --wallet.path (env BT_WALLET_NAME; default: default)')
    .option('--wallet.hotkey <name>', 'hotkey file under <wallet>/hotkeys/ (env BT_WALLET_HOTKEY; default: default)')
    .option('--wallet.path <dir>', 'directory holding the wallets, ~ expanded (env BT_WALLET_PATH; default: ~/.bittensor/wallets/)')
    .option('--hotkey-uri <uri>', 'dev chains only: use a dev key such as //Bob as the miner hotkey')
    .addOption(new Option('--device <device>', 'execution provider challenges run on (env POG_MINER_DEVICE; default: cpu)').choices(['cpu', 'cuda']))
    .addOption(new Option('--device-id <n>', 'CUDA device ordinal (default: 0)').argParser(parseIntegerFlag('--device-id')))
    .addOption(new Option('--threads <n>', 'onnxruntime intra-op threads (default: all cores on cpu)').argParser(parseIntegerFlag('--threads')))
    .option('--axon.host <address>', 'interface the axon listens on (default: 0.0.0.0)')
    .addOption(new Option('--axon.port <n>', 'port the axon listens on (env POG_MINER_AXON_PORT; default: 8091; 0 = any free port)').argParser(parseIntegerFlag('--axon.port')))
    .option('--axon.external-ip <ip>', 'address announced on chain (env POG_MINER_EXTERNAL_IP; default: a detected non-loopback IPv4, else 0.0.0.0)')
    .addOption(new Option('--axon.external-port <n>', 'port announced on chain when it differs from --axon.port (NAT)').argParser(parseIntegerFlag('--axon.external-port')))
    .option('--allow <hotkey>', 'also serve this hotkey (repeat, or comma-separate; env POG_MINER_ALLOW)', collect)
    .addOption(new Option('--metagraph-refresh <seconds>', 'seconds between metagraph refreshes (default: 60)').argParser(parseIntegerFlag('--metagraph-refresh')))
    .addOption(new Option('--queue-size <n>', 'challenges that may wait for the device, over all validators (default: 64)').argParser(parseIntegerFlag('--queue-size')))
    .addOption(new Option('--per-validator <n>', 'challenges one validator may have running and waiting together; more are answered 503 busy (default: 2)').argParser(parseIntegerFlag('--per-validator')))
    .addOption(new Option('--axon.max-per-address <n>', 'unauthenticated connections accepted from one address (default: 8)').argParser(parseIntegerFlag('--axon.max-per-address')))
    .option('--no-jobs', 'serve no compute-market jobs (POST /job, POST /model answer 501 jobs_disabled)')
    .addOption(new Option('--jobs-cache-mib <n>', 'MiB of job models held in memory (default: 512)').argParser(parseIntegerFlag('--jobs-cache-mib')))
    .option('--warmup <preset>', 'run a preset (ci, demo, gpu) once at start so its session is warm (repeatable)', collect)
    .addOption(new Option('--connect-attempts <n>', 'chain connection attempts, with exponential backoff (default: 5)').argParser(parseIntegerFlag('--connect-attempts')))
    .option('--config <file>', 'JSON file with the config keys (see docs/miner.md)')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: info)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
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
