import { z } from 'zod';
import { environmentOf, fromCli } from './config-keys';
import { chainEndpointSchema as endpoint, devUriSchema as devUri, logLevelSchema as logLevel } from './shared-schemas';

/** The dev chain's (and a local subtensor node's) default endpoint. */
export const DEFAULT_CHAIN_ENDPOINT = 'ws://127.0.0.1:9944';

const netuid = z.number().int().min(0).max(65535);

/**
 * Settings every chain command shares: a config file, then `POG_CHAIN`, then flags.
 * `chain` is the node's WebSocket endpoint; `timeout` bounds each submission (seconds).
 */
export const chainCommandConfigSchema = z
  .object({
    chain: fromCli(endpoint.default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor node WebSocket endpoint'), { env: 'POG_CHAIN', value: '<url>' }),
    connectAttempts: fromCli(z.number().int().min(1).max(100).default(5).describe('connection attempts, with exponential backoff')),
    timeout: fromCli(z.number().int().min(1).max(3600).default(120).describe('seconds to wait for each transaction to be included'), { value: '<seconds>' }),
    finalized: fromCli(z.boolean().default(false).describe('wait until the block is finalized, not just included')),
    coldkeyUri: fromCli(devUri.optional().describe('dev chains only: sign with a dev key such as //Alice instead of the wallet coldkey'), { value: '<uri>' }),
    hotkeyUri: fromCli(devUri.optional().describe('dev chains only: use a dev key such as //Bob instead of the wallet hotkey'), { value: '<uri>' }),
    json: fromCli(z.boolean().default(false).describe('print one JSON object')),
    logLevel: fromCli(logLevel.default('warn').describe('log verbosity on stderr'), { value: '<level>' }),
  })
  .strict();

export type ChainCommandConfig = z.infer<typeof chainCommandConfigSchema>;

/** `pog subnet create` */
export const subnetCreateConfigSchema = chainCommandConfigSchema;
export type SubnetCreateConfig = z.infer<typeof subnetCreateConfigSchema>;

/** `pog subnet start` */
export const subnetStartConfigSchema = chainCommandConfigSchema.extend({ netuid: fromCli(netuid.describe('the subnet to start'), { mandatory: true }) }).strict();
export type SubnetStartConfig = z.infer<typeof subnetStartConfigSchema>;

/** `pog subnet hyperparams`: list, or set `name=value` pairs as sudo or as the subnet owner. */
export const subnetHyperparamsConfigSchema = chainCommandConfigSchema
  .extend({
    netuid: fromCli(netuid.optional().describe('the subnet to read or configure'), { defaultText: 'the global values' }),
    set: fromCli(
      z
        .array(z.string().regex(/^[A-Za-z0-9_-]+=.+$/, 'each --set takes name=value'))
        .default([])
        .describe('set a hyperparameter, e.g. --set weights_rate_limit=0 --set commit_reveal_weights_enabled=false'),
      { value: '<name=value>' },
    ),
    via: fromCli(z.enum(['sudo', 'owner']).optional().describe('sign the setters as sudo (sudo.sudo) or as the subnet owner'), { value: '<who>', defaultText: 'sudo when the coldkey is the sudo key' }),
  })
  .strict();
export type SubnetHyperparamsConfig = z.infer<typeof subnetHyperparamsConfigSchema>;

/** `pog register` */
export const registerConfigSchema = chainCommandConfigSchema.extend({ netuid: fromCli(netuid.describe('the subnet to register on'), { mandatory: true }) }).strict();
export type RegisterConfig = z.infer<typeof registerConfigSchema>;

/** `pog stake` */
export const stakeConfigSchema = chainCommandConfigSchema
  .extend({
    netuid: fromCli(netuid.describe('the subnet of the stake'), { mandatory: true }),
    amount: fromCli(
      z
        .string()
        .regex(/^\d+(\.\d{1,9})?$/, 'the amount is a positive decimal number with at most 9 decimals, e.g. 10 or 0.5')
        .refine((v) => /[1-9]/.test(v), 'the amount must be more than 0')
        .describe('TAO to stake, or alpha to unstake with --unstake'),
      { value: '<amount>', mandatory: true },
    ),
    unstake: fromCli(z.boolean().default(false).describe('sell alpha back for TAO instead of staking (remove_stake)')),
    hotkeyAddress: fromCli(z.string().min(1).optional().describe('stake to this hotkey address instead of the wallet hotkey'), { value: '<ss58>' }),
  })
  .strict();
export type StakeConfig = z.infer<typeof stakeConfigSchema>;

/** `POG_CHAIN` → `chain`. */
export function chainEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof ChainCommandConfig, unknown>> {
  return environmentOf(chainCommandConfigSchema, env);
}
