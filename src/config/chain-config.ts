import { z } from 'zod';
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
    chain: endpoint.default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor node WebSocket endpoint'),
    connectAttempts: z.number().int().min(1).max(100).default(5).describe('attempts for the first connection, with exponential backoff'),
    timeout: z.number().int().min(1).max(3600).default(120).describe('seconds to wait for each transaction to be included'),
    finalized: z.boolean().default(false).describe('wait for finality instead of inclusion'),
    coldkeyUri: devUri.optional().describe('sign with a dev key instead of the wallet coldkey (dev chains only)'),
    hotkeyUri: devUri.optional().describe('use a dev key instead of the wallet hotkey (dev chains only)'),
    json: z.boolean().default(false).describe('print one JSON object'),
    logLevel: logLevel.default('warn'),
  })
  .strict();

export type ChainCommandConfig = z.infer<typeof chainCommandConfigSchema>;

/** `pog subnet create` */
export const subnetCreateConfigSchema = chainCommandConfigSchema;
export type SubnetCreateConfig = z.infer<typeof subnetCreateConfigSchema>;

/** `pog subnet start` */
export const subnetStartConfigSchema = chainCommandConfigSchema.extend({ netuid: netuid.describe('subnet to start') }).strict();
export type SubnetStartConfig = z.infer<typeof subnetStartConfigSchema>;

/** `pog subnet hyperparams`: list, or set `name=value` pairs as sudo or as the subnet owner. */
export const subnetHyperparamsConfigSchema = chainCommandConfigSchema
  .extend({
    netuid: netuid.optional().describe('subnet to read or configure (omit for the global values)'),
    set: z
      .array(z.string().regex(/^[A-Za-z0-9_-]+=.+$/, 'each --set takes name=value'))
      .default([])
      .describe('hyperparameters to set, as name=value'),
    via: z.enum(['sudo', 'owner']).optional().describe('sign the setters as sudo or as the subnet owner (default: sudo when the coldkey is the sudo key)'),
  })
  .strict();
export type SubnetHyperparamsConfig = z.infer<typeof subnetHyperparamsConfigSchema>;

/** `pog register` */
export const registerConfigSchema = chainCommandConfigSchema.extend({ netuid: netuid.describe('subnet to register the hotkey on') }).strict();
export type RegisterConfig = z.infer<typeof registerConfigSchema>;

/** `pog stake` */
export const stakeConfigSchema = chainCommandConfigSchema
  .extend({
    netuid: netuid.describe('subnet of the stake'),
    amount: z
      .string()
      .regex(/^\d+(\.\d{1,9})?$/, 'the amount is a positive decimal number with at most 9 decimals, e.g. 10 or 0.5')
      .refine((v) => /[1-9]/.test(v), 'the amount must be more than 0')
      .describe('TAO to stake, or alpha to unstake with --unstake'),
    unstake: z.boolean().default(false).describe('sell alpha back for TAO instead of staking'),
    hotkeyAddress: z.string().min(1).optional().describe('stake to this hotkey address instead of the wallet hotkey'),
  })
  .strict();
export type StakeConfig = z.infer<typeof stakeConfigSchema>;

/** `POG_CHAIN` → `chain`. */
export function chainEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof ChainCommandConfig, unknown>> {
  return { chain: env.POG_CHAIN === '' ? undefined : env.POG_CHAIN };
}
