import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { chainEndpointSchema as endpoint, devUriSchema as devUri, logLevelSchema as logLevel } from './shared-schemas';
import { DEFAULT_CHAIN_ENDPOINT } from './chain-config';
import { environmentOf, fromCli } from './config-keys';

/** Default state directory: ~/.pog/validator/<netuid>-<hotkey ss58> is chosen at start when none is given. */
export const DEFAULT_VALIDATOR_STATE_ROOT = join(homedir(), '.pog', 'validator');

/**
 * `pog validator` settings: a config file, then POG_CHAIN / POG_VALIDATOR_* env, then flags.
 * Wallet flags (`--wallet.*`, `BT_WALLET_*`) are resolved separately, as for every chain command.
 */
export const validatorConfigSchema = z
  .object({
    netuid: fromCli(z.number().int().min(0).max(65535).describe('the subnet to validate'), { env: 'POG_VALIDATOR_NETUID' }),
    chain: fromCli(endpoint.default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor node WebSocket endpoint'), { env: 'POG_CHAIN', value: '<url>' }),
    connectAttempts: fromCli(z.number().int().min(1).max(100).default(5).describe('chain connection attempts, with exponential backoff')),
    hotkeyUri: fromCli(devUri.optional().describe('dev chains only: a dev key such as //Bob as the validator hotkey'), { value: '<uri>' }),
    stateDir: fromCli(z.string().min(1).optional().describe('where scores and evidence are kept'), { env: 'POG_VALIDATOR_STATE_DIR', value: '<dir>', defaultText: '~/.pog/validator/<netuid>-<hotkey>' }),
    preset: fromCli(z.enum(['ci', 'demo', 'gpu']).default('gpu').describe('challenge parameters'), { env: 'POG_VALIDATOR_PRESET' }),
    device: fromCli(z.enum(['cpu', 'cuda']).optional().describe('device challenges are issued for'), { value: '<device>', defaultText: 'any' }),
    concurrency: fromCli(z.number().int().min(1).max(1024).default(256).describe('hard bound on the miners measured in one round, all at once (the highest uids beyond it are not measured)')),
    window: fromCli(z.number().min(1).max(3600).default(120).describe('seconds a round may take: every request, audits included, ends by it'), { value: '<seconds>' }),
    measureWindow: fromCli(z.number().min(0.1).max(3600).default(6).describe('seconds of the fixed measurement window: verified FLOPs committed inside it / it'), { value: '<seconds>' }),
    maxChallenges: fromCli(z.number().int().min(1).max(64).default(8).describe('most challenges per miner per round (each is verified; caps TFLOP/s at maxChallenges × FLOPs / measureWindow)')),
    pipelineDepth: fromCli(z.number().int().min(1).max(4).default(4).describe('challenges kept outstanding at each miner (one running, the rest queued; at most the 4 a validator keeps unopened)')),
    challengeTimeout: z.number().min(0.1).max(3600).default(60),
    auditTimeout: z.number().min(0.1).max(600).default(30),
    scoreAlpha: z.number().gt(0).max(1).default(0.3).describe('EMA weight of the newest round in the score'),
    reliabilityAlpha: z.number().gt(0).max(1).default(0.1).describe('EMA weight of the newest round in reliability'),
    reference: fromCli(z.enum(['js', 'ort']).default('ort').describe('float64 recomputation: onnxruntime on the CPU, or plain TypeScript'), { value: '<impl>' }),
    setWeights: fromCli(z.boolean().default(true), { flag: 'no-weights', help: 'score and publish evidence, but do not set weights' }),
    publishEvidence: z.boolean().default(true),
    evidenceKeep: z.number().int().min(1).max(1_000_000).default(1000).describe('evidence files kept in the state directory'),
    metricsHost: z.string().min(1).default('127.0.0.1'),
    metricsPort: fromCli(z.number().int().min(0).max(65535).nullable().default(9101).describe('Prometheus /metrics port'), { env: 'POG_VALIDATOR_METRICS_PORT' }),
    pollInterval: z.number().min(0.1).max(600).default(2).describe('seconds between chain head polls while waiting for the next epoch'),
    retryInterval: z.number().min(0.1).max(3600).default(5).describe('seconds before retrying a failed epoch'),
    logLevel: fromCli(logLevel.default('info').describe('log verbosity on stderr'), { value: '<level>' }),
  })
  .strict();

export type ValidatorConfig = z.infer<typeof validatorConfigSchema>;

/** The round's concurrency, window and per-request limits in milliseconds, as the validator's RoundLimits takes them. */
export function roundTimingLimits(c: ValidatorConfig) {
  return {
    concurrency: c.concurrency,
    windowMs: c.window * 1000,
    measureWindowMs: c.measureWindow * 1000,
    maxChallenges: c.maxChallenges,
    pipelineDepth: c.pipelineDepth,
    challengeTimeoutMs: c.challengeTimeout * 1000,
    auditTimeoutMs: c.auditTimeout * 1000,
  };
}

/** POG_CHAIN and POG_VALIDATOR_* → config keys. */
export function validatorEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof ValidatorConfig, unknown>> {
  return environmentOf(validatorConfigSchema, env);
}
