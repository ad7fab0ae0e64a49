import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainLedgerPort, keypairFromUri, subnetOwner, subnetOwnerHotkey, taoToRao, type ChainClient } from '../../chain';
import {
  chainCommandConfigSchema,
  ConfigError,
  economyBooksConfigSchema,
  economyBuybackConfigSchema,
  economyRecordConfigSchema,
  economyRevenueConfigSchema,
  type EconomyBuybackConfig,
} from '../../config';
import {
  booksTotals,
  ordersInFlight,
  checkBooks,
  closeRecord,
  formatDecimal as tao,
  Ledger,
  runBuyback,
  TX_STEPS,
  type BooksCheck,
  type BuybackReport,
  type CloseRecordResult,
  type LedgerHook,
  type Revenue,
} from '../../economy';
import type { Logger } from '../../logging';
import { coldkeyOf, processIo, toJson, withChainClient, type ChainFlags, type ChainIo } from '../commands/chain-command';
import { ConfigOptions } from '../flags/config-options';
import { formatBooks, formatBuybackReport, formatRecordResult } from './format-ledger';

/**
 * The actions of `pog economy revenue add`, `buyback`, `record` and `books`: load the config,
 * open the ledger, connect, call the economy module, print. Exit code 1 (via process.exitCode)
 * when an order or record failed or is still in flight, or when the books do not match.
 */

/** Parsed flags: the generated ones by commander attribute name, plus --config and the wallet's. */
export type LedgerFlags = ChainFlags & Record<string, unknown>;

export const REVENUE_OPTIONS = new ConfigOptions(economyRevenueConfigSchema);
export const BUYBACK_OPTIONS = new ConfigOptions(economyBuybackConfigSchema);
export const RECORD_OPTIONS = new ConfigOptions(economyRecordConfigSchema);
export const BOOKS_OPTIONS = new ConfigOptions(economyBooksConfigSchema);

/**
 * `POG_LEDGER_FAILPOINT=<step>` (tests only): the process kills itself with SIGKILL right after
 * that ledger step (`order.submitted`, `record.sent` …), to prove a real crash there is safe.
 */
export function failpointHook(env: NodeJS.ProcessEnv): LedgerHook | undefined {
  const point = env.POG_LEDGER_FAILPOINT;
  if (!point) return undefined;
  const known = TX_STEPS.flatMap((s) => [`order.${s}`, `record.${s}`]);
  if (!known.includes(point)) throw new ConfigError(`POG_LEDGER_FAILPOINT must be one of ${known.join(', ')}, got "${point}"`);
  return (step) => {
    if (step === point) process.kill(process.pid, 'SIGKILL');
  };
}

function openLedger(dir: string, io: ChainIo): Ledger {
  return Ledger.open(dir, { hook: failpointHook(io.env) });
}

async function withLedger<T>(dir: string, io: ChainIo, use: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = openLedger(dir, io);
  try {
    if (ledger.repairedBytes > 0) io.stderr.write(`pog economy: cut a torn last line (${ledger.repairedBytes} bytes) from ${ledger.journalFile}, left by a crash during a write\n`);
    return await use(ledger);
  } finally {
    ledger.close();
  }
}

/** The hotkey the bought alpha is staked to and burned from: --hotkey-address, --hotkey-uri, else the subnet's owner hotkey. */
async function burnHotkey(client: ChainClient, config: EconomyBuybackConfig): Promise<string> {
  if (config.hotkeyAddress) return config.hotkeyAddress;
  if (config.hotkeyUri) return keypairFromUri(config.hotkeyUri).address;
  const owner = await subnetOwnerHotkey(client, config.netuid);
  if (!owner || /^5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM$/.test(owner)) {
    throw new ConfigError(`subnet ${config.netuid} has no owner hotkey on this chain; pass --hotkey-address`);
  }
  return owner;
}

/** On this subtensor only the subnet owner's coldkey may call add_stake_burn: check before signing anything. */
async function ensureOwner(client: ChainClient, netuid: number, coldkey: KeyringPair): Promise<void> {
  const owner = await subnetOwner(client, netuid);
  if (owner !== coldkey.address) {
    throw new ConfigError(`the coldkey ${coldkey.address} does not own subnet ${netuid} (its owner is ${owner}); only the owner's coldkey may buy back with add_stake_burn`);
  }
}

async function buybackWith(ledger: Ledger, config: EconomyBuybackConfig, flags: ChainFlags, io: ChainIo): Promise<BuybackReport> {
  return withChainClient(config, async (client: ChainClient, logger: Logger) => {
    const coldkey = await coldkeyOf(config, flags, io, logger);
    await ensureOwner(client, config.netuid, coldkey);
    const hotkey = await burnHotkey(client, config);
    const port = new ChainLedgerPort(client, coldkey);
    return runBuyback(ledger, port, {
      netuid: config.netuid,
      hotkey,
      limitRao: config.limitPrice ? taoToRao(config.limitPrice) : null,
      minOrderRao: taoToRao(config.minBuyback),
      waitTimeoutMs: config.timeout * 1000,
    });
  });
}

/** An order failed or is still in flight: the command exits 1 so that scripts notice. */
function buybackIncomplete(report: BuybackReport): boolean {
  return report.settled.some((o) => o.state === 'failed') || report.pending.some((o) => o.state === 'submitted');
}

function reportBuyback(report: BuybackReport, json: boolean, io: ChainIo): void {
  if (json) io.stdout.write(`${toJson(report)}\n`);
  else io.stdout.write(formatBuybackReport(report));
  if (buybackIncomplete(report)) process.exitCode = 1;
}

export interface RevenueAddOutput {
  readonly revenue: Revenue;
  readonly added: boolean;
  readonly buyback: BuybackReport | null;
}

/** `pog economy revenue add`: records the revenue (durably, before anything else), then with --buyback runs the buyback. */
export async function revenueAddAction(flags: LedgerFlags, io: ChainIo = processIo()): Promise<RevenueAddOutput> {
  const config = REVENUE_OPTIONS.load(flags, io.env);
  return withLedger(config.ledgerDir, io, async (ledger) => {
    const { revenue, added } = ledger.addRevenue({ id: config.id, usd: config.usd, usdPerTao: config.rate, tao: config.tao, source: config.source });
    let buyback: BuybackReport | null = null;
    if (!config.json) {
      const amount = revenue.currency === 'USD' ? `${revenue.amount} USD at ${revenue.usdPerTao!} USD/TAO = ${tao(revenue.taoRao)} TAO` : `${revenue.amount} TAO`;
      io.stdout.write(`${added ? 'recorded   ' : 'already had'} revenue ${revenue.id}: ${amount} (source ${revenue.source || '-'}) in ${ledger.dir}\n`);
    }
    if (config.buyback) buyback = await buybackWith(ledger, { ...config, netuid: config.netuid! }, flags, io);
    if (config.json) io.stdout.write(`${toJson({ revenue, added, buyback })}\n`);
    else if (buyback) io.stdout.write(formatBuybackReport(buyback));
    if (buyback && buybackIncomplete(buyback)) process.exitCode = 1;
    return { revenue, added, buyback };
  });
}

/** `pog economy buyback`: reconciles orders in flight, then buys back and burns the un-spent revenue if the rate limit allows. */
export async function buybackAction(flags: LedgerFlags, io: ChainIo = processIo()): Promise<BuybackReport> {
  const config = BUYBACK_OPTIONS.load(flags, io.env);
  return withLedger(config.ledgerDir, io, async (ledger) => {
    const report = await buybackWith(ledger, config, flags, io);
    reportBuyback(report, config.json, io);
    return report;
  });
}

/** `pog economy record`: closes the accounting epoch at the finalized head and publishes its record (or finishes one in flight). */
export async function recordAction(flags: LedgerFlags, io: ChainIo = processIo()): Promise<CloseRecordResult> {
  const config = RECORD_OPTIONS.load(flags, io.env);
  return withLedger(config.ledgerDir, io, (ledger) =>
    withChainClient(config, async (client, logger) => {
      const coldkey = await coldkeyOf(config, flags, io, logger);
      const port = new ChainLedgerPort(client, coldkey);
      const result = await closeRecord(ledger, port, { netuid: config.netuid, firstFromBlock: config.fromBlock, waitTimeoutMs: config.timeout * 1000 });
      if (config.json) io.stdout.write(`${toJson({ record: result.record, content: result.content, file: result.file, note: result.drive.note ?? null })}\n`);
      else io.stdout.write(formatRecordResult(result));
      if (result.record.state !== 'confirmed') process.exitCode = 1;
      return result;
    }),
  );
}

export interface BooksOutput {
  readonly ok: boolean;
  readonly check: BooksCheck | null;
}

/**
 * `pog economy books`: lists revenue, orders and records with their totals, and checks each
 * confirmed burn and record against the chain's events (read-only: no key, no lock).
 */
export async function booksAction(flags: LedgerFlags, io: ChainIo = processIo()): Promise<BooksOutput> {
  const config = BOOKS_OPTIONS.load(flags, io.env);
  const ledger = Ledger.open(config.ledgerDir, { readOnly: true });
  try {
    const state = ledger.state;
    let check: BooksCheck | null = null;
    if (!config.offline) {
      const chainConfig = { ...chainCommandConfigSchema.parse({}), chain: config.chain, connectAttempts: config.connectAttempts, logLevel: config.logLevel };
      check = await withChainClient(chainConfig, async (client) => {
        // A read-only port: books never signs, so the key is a throwaway dev key.
        const port = new ChainLedgerPort(client, keypairFromUri('//pog-books-read-only'));
        return checkBooks(state, port, {
          netuids: config.netuid === undefined ? undefined : [config.netuid],
          signers: config.coldkeyAddress ? [config.coldkeyAddress] : undefined,
          fromBlock: config.fromBlock,
          maxScanBlocks: config.maxScanBlocks,
          dir: ledger.dir,
        });
      });
    }
    const totals = booksTotals(state);
    const inFlight = ordersInFlight(state);
    const ok = inFlight.length === 0 && (check === null || check.mismatches.length === 0);
    if (config.json) {
      io.stdout.write(
        `${toJson({
          ledger: { dir: ledger.dir, entries: state.lastSeq },
          totals,
          revenue: [...state.revenues.values()].map((r) => ({ ...r, spentBy: state.spentBy.get(r.id) ?? null })),
          orders: [...state.orders.values()],
          records: state.records.map(({ json, ...r }) => ({ ...r, content: JSON.parse(json) as unknown })),
          check: check && { chain: config.chain, ...check },
          inFlight,
          ok,
        })}\n`,
      );
    } else {
      io.stdout.write(formatBooks({ dir: ledger.dir, state, totals, check, chain: config.offline ? null : config.chain, inFlight }));
    }
    if (!ok) {
      process.exitCode = 1;
      if (inFlight.length > 0) io.stderr.write(`pog economy books: ${inFlight.length} ${inFlight.length === 1 ? 'order is' : 'orders are'} still in flight: ${inFlight[0]!}\n`);
    }
    return { ok, check };
  } finally {
    ledger.close();
  }
}
