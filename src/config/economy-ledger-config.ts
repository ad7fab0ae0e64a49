import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { chainCommandConfigSchema } from './chain-config';
import { environmentOf, fromCli } from './config-keys';

/**
 * Settings of the buyback-and-burn ledger commands (`pog economy revenue add`, `buyback`,
 * `record`, `books`): a config file, then `POG_CHAIN` / `POG_LEDGER_DIR`, then flags.
 */

/** `~/.pog/economy-ledger` */
export const DEFAULT_LEDGER_DIR = join(homedir(), '.pog', 'economy-ledger');

const netuid = z.number().int().min(0).max(65535);
const decimal = (what: string) => z.string().regex(/^\d+(\.\d{1,9})?$/, `${what} is a decimal number with at most 9 decimals, e.g. 12.5`);
const positive = (what: string) => decimal(what).refine((v) => /[1-9]/.test(v), `${what} must be more than 0`);
const ledgerDir = fromCli(z.string().min(1).default(DEFAULT_LEDGER_DIR).describe('ledger directory (journal, lock, records)'), { env: 'POG_LEDGER_DIR', value: '<dir>', defaultText: '~/.pog/economy-ledger' });

/** What the signing commands share: the ledger, the subnet and its buyback settings. */
const buybackFields = {
  ledgerDir,
  netuid: fromCli(netuid.describe('subnet whose alpha is bought back and burned'), { mandatory: true }),
  hotkeyAddress: fromCli(z.string().min(1).optional().describe('hotkey the alpha is staked to before it is burned'), { value: '<ss58>', defaultText: 'the subnet owner hotkey' }),
  minBuyback: fromCli(positive('the minimum buyback').default('0.01').describe('un-spent revenue below this many TAO stays queued'), { value: '<tao>' }),
  limitPrice: fromCli(positive('the limit price').optional().describe('highest price accepted, TAO per alpha'), { value: '<tao>', defaultText: 'no limit' }),
};

/** `pog economy buyback` */
export const economyBuybackConfigSchema = chainCommandConfigSchema.extend(buybackFields).strict();
export type EconomyBuybackConfig = z.infer<typeof economyBuybackConfigSchema>;

/** `pog economy revenue add`: USD at an explicit rate, or TAO; `--buyback` then runs the buyback. */
export const economyRevenueConfigSchema = chainCommandConfigSchema
  .extend({
    ...buybackFields,
    netuid: fromCli(netuid.optional().describe('subnet whose alpha is bought back and burned (needed with --buyback)')),
    usd: fromCli(positive('--usd').optional().describe('USD received (needs --rate)'), { value: '<amount>' }),
    rate: fromCli(positive('--rate').optional().describe('USD per TAO used to convert --usd; recorded with the entry (no price feed is consulted)'), { value: '<usd-per-tao>' }),
    tao: fromCli(positive('--tao').optional().describe('TAO received'), { value: '<amount>' }),
    source: fromCli(z.string().max(200).default('operator').describe('what the revenue is for: api, rental, demo …'), { value: '<text>' }),
    id: fromCli(
      z
        .string()
        .regex(/^[\x21-\x7e]{1,200}$/, 'the revenue id is 1 to 200 printable characters without spaces')
        .optional()
        .describe('idempotency key: adding the same id again records nothing'),
      { defaultText: 'a fresh id' },
    ),
    buyback: fromCli(z.boolean().default(false).describe('then run `pog economy buyback` (needs --netuid and the owner coldkey)')),
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
    netuid: fromCli(netuid.describe('subnet the record accounts for'), { mandatory: true }),
    fromBlock: fromCli(z.number().int().min(0).optional().describe('first block of the first record'), { defaultText: 'the first order\'s block, else the head' }),
  })
  .strict();
export type EconomyRecordConfig = z.infer<typeof economyRecordConfigSchema>;

/** `pog economy books`: read-only, no key. */
export const economyBooksConfigSchema = chainCommandConfigSchema
  .pick({ chain: true, connectAttempts: true, json: true, logLevel: true })
  .extend({
    ledgerDir,
    netuid: fromCli(netuid.optional().describe('subnet whose burns are checked'), { defaultText: 'those of the ledger\'s orders' }),
    offline: fromCli(z.boolean().default(false).describe('list the ledger without checking it against the chain')),
    fromBlock: fromCli(z.number().int().min(0).optional().describe('first block scanned for burns missing from the ledger'), { defaultText: 'the block of the first order' }),
    maxScanBlocks: fromCli(z.number().int().min(1).max(1_000_000).default(10_000).describe('scan at most the newest N blocks for burns the ledger lacks')),
    coldkeyAddress: fromCli(z.string().min(1).optional().describe('also count burns signed by this coldkey as the ledger\'s'), { value: '<ss58>' }),
  })
  .strict();
export type EconomyBooksConfig = z.infer<typeof economyBooksConfigSchema>;

/** `POG_CHAIN` → `chain`, `POG_LEDGER_DIR` → `ledgerDir`. */
export function economyLedgerEnvironment(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return environmentOf(economyBuybackConfigSchema, env);
}
