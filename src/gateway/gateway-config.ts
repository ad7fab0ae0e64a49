import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

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
    dataDir: z.string().min(1).default(join(homedir(), '.pog', 'gateway')),
    database: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(9190),
    chain: z.string().regex(/^wss?:\/\//).optional(),
    adminToken: z.string().min(16, 'POG_GATEWAY_ADMIN_TOKEN must be at least 16 characters').optional(),
    webhookSecret: z.string().min(8).optional(),
    fiatRates: z.string().default('usd=2500000'),
    ledgerDir: z.string().min(1).optional(),
    bondModulation: z.number().min(0).max(100).default(0),
    depositSeed: z.string().min(2, 'POG_GATEWAY_DEPOSIT_SEED (a mnemonic, 0x seed or //Dev URI) is required'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** The environment variables `pog gateway` reads. */
export function gatewayEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof GatewayConfig, string>> {
  const pick = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  return {
    dataDir: pick('POG_GATEWAY_DATA_DIR'),
    database: pick('POG_GATEWAY_DATABASE'),
    adminToken: pick('POG_GATEWAY_ADMIN_TOKEN'),
    webhookSecret: pick('POG_GATEWAY_WEBHOOK_SECRET'),
    depositSeed: pick('POG_GATEWAY_DEPOSIT_SEED'),
    ledgerDir: pick('POG_LEDGER_DIR'),
  };
}
