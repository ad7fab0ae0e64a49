import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { chainCommandConfigSchema } from './chain-config';

/**
 * Settings of the buyback-and-burn ledger commands (`pog economy revenue add`, `buyback`,
 * `record`, `books`): a config file, then `POG_CHAIN` / `POG_LEDGER_DIR`, then flags.
 */

/** `~/.pog/economy-ledger` */
export const DEFAULT_LEDGER_DIR = join(homedir(), '.pog', 'economy-ledger');

const netuid = z.number().int().min(0).max(65535);
const decimal = (what: string) => z.string().regex(/^\d+(\.\d{1,9})?$/, `${what} is a decimal number with at most 9 decimals, e.g. 12.5`);
const positive = (what: string) => decimal(what).refine((v) => /[1-9]/.test(v), `${what} must be more than 0`);
const ledgerDir = z.string().min(1).default(DEFAULT_LEDGER_DIR).describe('directory of the ledger (journal, lock, records)');

/** What the signing commands share: the ledger, the subnet and its buyback settings. */
const buybackFields = {
  ledgerDir,
  netuid: netuid.describe('subnet whose alpha is bought back and burned'),
  hotkeyAddress: z.string().min(1).optional().describe('hotkey the alpha is staked to before it is burned (default: the subnet owner hotkey)'),
  minBuyback: positive('the minimum buyback').default('0.01').describe('TAO; un-spent revenue below it stays queued'),
  limitPrice: positive('the limit price').optional().describe('highest price accepted, TAO per alpha (default: no limit)'),
};

/** `pog economy buyback` */
export const economyBuybackConfigSchema = chainCommandConfigSchema.extend(buybackFields).strict();
export type EconomyBuybackConfig = z.infer<typeof economyBuybackConfigSchema>;

/** `pog economy revenue add`: USD at an explicit rate, or TAO; `--buyback` then runs the buyback. */
export const economyRevenueConfigSchema = chainCommandConfigSchema
  .extend({
    ...buybackFields,
    netuid: netuid.optional().describe('subnet (needed with --buyback)'),
    usd: positive('--usd').optional().describe('USD received'),
    rate: positive('--rate').optional().describe('USD per TAO used to convert --usd'),
    tao: positive('--tao').optional().describe('TAO received'),
    source: z.string().max(200).default('operator').describe('what the revenue is for (api, rental, demo …)'),
    id: z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/, 'the revenue id is 1 to 200 printable characters without spaces')
      .optional()
      .describe('idempotency key: the same id is recorded once'),
    buyback: z.boolean().default(false).describe('run the buyback after recording'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.usd === undefined) === (c.tao === undefined)) ctx.addIssue({ code: 'custom', path: ['usd'], message: 'give exactly one of --usd (with --rate) and --tao' });
    if (c.usd !== undefined && c.rate === undefined) ctx.addIssue({ code: 'custom', path: ['rate'], message: '--usd needs --rate USD_PER_TAO, the conversion rate to record' });
    if (c.tao !== undefined && c.rate !== undefined) ctx.addIssue({ code: 'custom', path: ['rate'], message: '--rate is only used with --usd' });
    if (c.buyback && c.netuid === undefined) ctx.addIssue({ code: 'custom', path: ['netuid'], message: '--buyback needs --netuid' });
  });
export type EconomyRevenueConfig = z.infer<typeof economyRevenueConfigSchema>;

/** `pog economy record`: close the accounting epoch and publish its record. */
export const economyRecordConfigSchema = chainCommandConfigSchema
  .extend({
    ledgerDir,
    netuid: netuid.describe('subnet the record accounts for'),
    fromBlock: z.number().int().min(0).optional().describe('first block of the first record (default: the first order\'s block, else the head)'),
  })
  .strict();
export type EconomyRecordConfig = z.infer<typeof economyRecordConfigSchema>;

/** `pog economy books`: read-only, no key. */
export const economyBooksConfigSchema = chainCommandConfigSchema
  .pick({ chain: true, connectAttempts: true, json: true, logLevel: true })
  .extend({
    ledgerDir,
    netuid: netuid.optional().describe('subnet whose burns are checked (default: those of the ledger\'s orders)'),
    offline: z.boolean().default(false).describe('list the ledger without checking it against the chain'),
    fromBlock: z.number().int().min(0).optional().describe('first block scanned for burns the ledger lacks'),
    maxScanBlocks: z.number().int().min(1).max(1_000_000).default(10_000).describe('most blocks scanned for burns the ledger lacks'),
    coldkeyAddress: z.string().min(1).optional().describe('also count burns signed by this coldkey as the ledger\'s'),
  })
  .strict();
export type EconomyBooksConfig = z.infer<typeof economyBooksConfigSchema>;

/** `POG_CHAIN` → `chain`, `POG_LEDGER_DIR` → `ledgerDir`. */
export function economyLedgerEnvironment(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return { chain: env.POG_CHAIN === '' ? undefined : env.POG_CHAIN, ledgerDir: env.POG_LEDGER_DIR === '' ? undefined : env.POG_LEDGER_DIR };
}
