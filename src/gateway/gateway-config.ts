import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { devUriSchema as devUri, environmentOf, fromCli } from '../config';

/** `usd=2500000,eur=2700000` → credit units per minor unit, per currency. */
export function parseFiatRates(text: string): Record<string, bigint> {
  const rates: Record<string, bigint> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})=(\d{1,18})$/.exec(part);
    if (!m || BigInt(m[2]!) === 0n) throw new z.ZodError([{ code: 'custom', path: ['fiatRates'], message: `"${part}" is not currency=units (e.g. usd=2500000)`, input: part }]);
    rates[m[1]!] = BigInt(m[2]!);
  }
  return rates;
}

/**
 * `pog gateway`'s settings. Secrets (admin token, webhook secret, deposit seed) come from the
 * environment only, never flags, so they do not show in `ps`.
 */
export const gatewayConfigSchema = z
  .object({
    dataDir: fromCli(z.string().min(1).default(join(homedir(), '.pog', 'gateway')).describe('where the embedded database lives'), { env: 'POG_GATEWAY_DATA_DIR', value: '<dir>', defaultText: '~/.pog/gateway' }),
    database: fromCli(z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional().describe('a PostgreSQL server instead of the embedded database: postgres://user@host/db'), { env: 'POG_GATEWAY_DATABASE', value: '<url>' }),
    host: fromCli(z.string().min(1).default('127.0.0.1').describe('address to bind'), { value: '<host>' }),
    port: fromCli(z.number().int().min(0).max(65535).default(9190).describe('port to listen on, 0 for any')),
    chain: fromCli(z.string().regex(/^wss?:\/\//).optional().describe('subtensor node: its finalized blocks credit TAO deposits, its metagraph lists the miners jobs go to'), { value: '<url>', defaultText: 'none: no deposit scanning, no dispatch' }),
    netuid: fromCli(z.number().int().min(0).max(65535).optional().describe('dispatch jobs to this subnet\'s miners that passed the validator\'s last PoG round (needs --chain and the validator hotkey)'), { defaultText: 'none: jobs wait' }),
    hotkeyUri: fromCli(devUri.optional().describe('dev chains only: a dev key such as //Alice as the validator hotkey that signs requests to miners and buyer receipts'), { value: '<uri>' }),
    validatorStateDir: fromCli(z.string().min(1).optional().describe('the validator\'s state directory, read for the miners that passed'), { env: 'POG_VALIDATOR_STATE_DIR', value: '<dir>', defaultText: '~/.pog/validator/<netuid>-<hotkey>' }),
    adminToken: fromCli(z.string().min(16, 'POG_GATEWAY_ADMIN_TOKEN must be at least 16 characters').optional(), { env: 'POG_GATEWAY_ADMIN_TOKEN', envOnly: true }),
    webhookSecret: fromCli(z.string().min(8).optional(), { env: 'POG_GATEWAY_WEBHOOK_SECRET', envOnly: true }),
    fiatRates: fromCli(z.string().default('usd=2500000').describe('credit units per minor fiat unit, e.g. usd=2500000'), { value: '<list>' }),
    ledgerDir: fromCli(z.string().min(1).optional().describe('the buyback-and-burn ledger settled job revenue is exported to, under job-<id>'), { env: 'POG_LEDGER_DIR', value: '<dir>', defaultText: 'none: revenue waits in the database' }),
    bondModulation: fromCli(z.number().min(0).max(100).default(0).describe('seed 004 BondModulation: a miner locks x × the job price of its deposited collateral per run, forfeited on a failed validation (0: no bonds)'), { value: '<x>' }),
    depositSeed: fromCli(z.string().min(2, 'POG_GATEWAY_DEPOSIT_SEED (a mnemonic, 0x seed or //Dev URI) is required'), { env: 'POG_GATEWAY_DEPOSIT_SEED', envOnly: true }),
    logLevel: fromCli(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('log verbosity on stderr'), { value: '<level>' }),
  })
  .strict();

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** The environment variables `pog gateway` reads (the secrets among them are never flags). */
export function gatewayEnvironment(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return environmentOf(gatewayConfigSchema, env);
}
