import { join } from 'node:path';
import type { Command } from 'commander';
import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainUnreachableError, InvalidEndpointError, keypairFromUri, loadHotkey, type WalletLocation } from '../../chain';
import { ConfigError, DEFAULT_VALIDATOR_STATE_ROOT, loadConfig, roundTimingLimits, validatorConfigSchema, validatorEnvironment, type ValidatorConfig } from '../../config';
import { createRootLogger, type Logger } from '../../logging';
import { preset } from '../../pog';
import { buildReport, formatReport, ScoreStore, startValidator, type RunningValidator } from '../../validator';
import { ConfigOptions } from '../flags/config-options';
import { serveUntilSignal, type StopSignals } from '../serve-until-signal';
import { promptHidden } from '../prompt-hidden';
import { exitPromptly, processIo, walletOf, walletOptions, type ChainIo } from './chain-command';

/** The validator's flags, generated from its config schema (src/config/validator-config.ts). */
const VALIDATOR_OPTIONS = new ConfigOptions(validatorConfigSchema);

/** Parsed flags: the generated ones by commander attribute name, plus --config and the wallet's. */
export type ValidatorFlags = Record<string, unknown> & {
  config?: string;
  'wallet.name'?: string;
  'wallet.hotkey'?: string;
  'wallet.path'?: string;
};

function configOf(flags: ValidatorFlags, env: NodeJS.ProcessEnv): ValidatorConfig {
  return loadConfig(validatorConfigSchema, { file: flags.config, env: validatorEnvironment(env), flags: VALIDATOR_OPTIONS.values(flags) });
}

async function validatorHotkey(config: ValidatorConfig, wallet: WalletLocation | null, io: ChainIo, logger: Logger): Promise<KeyringPair> {
  if (!wallet) return keypairFromUri(config.hotkeyUri!);
  const prompt = io.stdin.isTTY ? async ({ path }: { path: string }) => promptHidden(`Password for ${path}: `, io) : undefined;
  return loadHotkey(wallet, { env: io.env, prompt, logger: logger.child({ module: 'wallet' }) });
}

export const defaultStateDir = (netuid: number, hotkey: string) => join(DEFAULT_VALIDATOR_STATE_ROOT, `${netuid}-${hotkey}`);

/**
 * `pog validator`: runs epochs until SIGINT or SIGTERM, then stops gracefully (the round in
 * flight is aborted; what was committed stays). Returns the exit code.
 */
export async function validatorAction(flags: ValidatorFlags, io: ChainIo = processIo(), signals: StopSignals = process): Promise<number> {
  const config = configOf(flags, io.env);
  const logger = createRootLogger({ level: config.logLevel });
  logger.info({ config }, 'pog validator configuration');
  const wallet = config.hotkeyUri ? null : walletOf(flags, io.env);
  const hotkey = await validatorHotkey(config, wallet, io, logger);
  const stateDir = config.stateDir ?? defaultStateDir(config.netuid, hotkey.address);
  let running: RunningValidator;
  try {
    running = await startValidator({
      chain: config.chain,
      connectRetry: { attempts: config.connectAttempts, initialDelayMs: 250, maxDelayMs: 4000 },
      netuid: config.netuid,
      hotkey,
      stateDir,
      params: preset(config.preset),
      device: config.device,
      ...roundTimingLimits(config),
      scoreAlpha: config.scoreAlpha,
      reliabilityAlpha: config.reliabilityAlpha,
      setWeights: config.setWeights,
      publishEvidence: config.publishEvidence,
      evidenceKeep: config.evidenceKeep,
      pollMs: config.pollInterval * 1000,
      retryMs: config.retryInterval * 1000,
      reference: config.reference,
      ...(config.metricsPort === null ? {} : { metrics: { host: config.metricsHost, port: config.metricsPort } }),
      logger,
    });
  } catch (error) {
    if (error instanceof InvalidEndpointError) throw new ConfigError(error.message);
    if (error instanceof ChainUnreachableError) throw new ChainUnreachableError(config.chain, error.attempts, `${error.details.reason as string} (start a node, e.g. \`pog devnet\`, or pass --chain)`);
    throw error;
  }
  io.stdout.write(`pog validator: hotkey ${hotkey.address} on subnet ${config.netuid}, preset ${config.preset}, state ${stateDir}${running.metricsPort === null ? '' : `, metrics on ${config.metricsHost}:${running.metricsPort}`}\n`);
  await serveUntilSignal({
    name: 'pog validator',
    stoppingMessage: 'committed scores are kept',
    stop: () => running.stop(),
    signals,
    stderr: io.stderr,
    logger,
  });
  return 0;
}

/** `pog validator report [--json]`: per miner, the last results and the reason for any zero. Reads the state directory only. */
export function reportAction(flags: { stateDir?: string; json?: boolean }, io: Pick<ChainIo, 'stdout' | 'stderr' | 'env'> = processIo()): number {
  const stateDir = flags.stateDir ?? (io.env.POG_VALIDATOR_STATE_DIR || undefined);
  if (!stateDir) throw new ConfigError('pass --state-dir (the validator\'s state directory)');
  const state = ScoreStore.read(stateDir);
  if (!state) {
    io.stderr.write(`pog: error: no validator state in ${stateDir}\n`);
    return 2;
  }
  const report = buildReport(state);
  io.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return 0;
}

export function registerValidatorCommand(program: Command): void {
  const command = program
    .command('validator')
    .description('run a validator: every epoch, challenge every serving miner with Proof-of-GPU, verify, score, set weights and publish evidence, until SIGINT/SIGTERM');
  VALIDATOR_OPTIONS.addTo(command);
  walletOptions(command)
    .option('--config <file>', 'JSON file with the config keys (see docs/validator.md)')
    .addHelpText('after', '\nExample:\n  pog validator --netuid 1 --wallet.name validator --wallet.hotkey default --state-dir ~/.pog/validator/1\n  pog validator report --state-dir ~/.pog/validator/1 [--json]\nSee docs/validator.md.')
    .action(async (flags: ValidatorFlags) => {
      try {
        process.exitCode = await validatorAction(flags);
      } finally {
        exitPromptly();
      }
    });
  command
    .command('report')
    .description('per miner: the last results, the score and the reason for any zero, from the state directory')
    .option('--state-dir <dir>', 'the validator\'s state directory (env POG_VALIDATOR_STATE_DIR)')
    .option('--json', 'print one JSON object')
    .action((_flags: unknown, cmd: Command) => {
      // --state-dir is also the parent's option: read both levels.
      process.exitCode = reportAction(cmd.optsWithGlobals<{ stateDir?: string; json?: boolean }>());
    });
}
