import { existsSync, readFileSync } from 'node:fs';
import { blake2Hex } from './canonical-json';
import type { BurnEvent, LedgerChainPort } from './chain-port';
import { parseDecimal, formatDecimal } from './decimal';
import type { Inclusion } from './entries';
import { recordFile } from './epoch-record';
import { confirmedRecords, isLive, type LedgerState } from './state';

/**
 * The books: the ledger's totals, and a check of the ledger against the chain's events.
 */

export interface BooksTotals {
  readonly revenueEntries: number;
  /** USD received (sum of USD revenue), decimal. */
  readonly revenueUsd: string;
  /** TAO all revenue converts to, in rao. */
  readonly revenueTaoRao: bigint;
  /** TAO spent by confirmed buybacks (as the chain reported). */
  readonly spentRao: bigint;
  readonly alphaBurnedRao: bigint;
  /** Revenue in orders still in flight. */
  readonly inFlightRao: bigint;
  /** Revenue not in any live or confirmed order. */
  readonly unspentRao: bigint;
  readonly orders: { readonly confirmed: number; readonly failed: number; readonly pending: number };
  readonly records: { readonly confirmed: number; readonly failed: number; readonly pending: number };
  /** Registration fees recycled, over every confirmed record. */
  readonly registrationFeesRao: bigint;
}

export function booksTotals(state: LedgerState): BooksTotals {
  const revenues = [...state.revenues.values()];
  const orders = [...state.orders.values()];
  const confirmed = orders.filter((o) => o.state === 'confirmed');
  const live = orders.filter((o) => isLive(o.state));
  const latest = new Map<number, (typeof state.records)[number]>();
  for (const r of state.records) latest.set(r.index, r);
  const records = [...latest.values()];
  let registrationFeesRao = 0n;
  for (const r of confirmedRecords(state)) {
    const fees = (JSON.parse(r.json) as { registrations?: { feesRecycledRao?: string } }).registrations?.feesRecycledRao;
    if (fees) registrationFeesRao += BigInt(fees);
  }
  return {
    revenueEntries: revenues.length,
    revenueUsd: formatDecimal(revenues.filter((r) => r.currency === 'USD').reduce((a, r) => a + parseDecimal('usd', r.amount), 0n)),
    revenueTaoRao: revenues.reduce((a, r) => a + r.taoRao, 0n),
    spentRao: confirmed.reduce((a, o) => a + o.taoRao!, 0n),
    alphaBurnedRao: confirmed.reduce((a, o) => a + o.alphaRao!, 0n),
    inFlightRao: live.reduce((a, o) => a + o.amountRao, 0n),
    unspentRao: revenues.filter((r) => !state.spentBy.has(r.id)).reduce((a, r) => a + r.taoRao, 0n),
    orders: { confirmed: confirmed.length, failed: orders.filter((o) => o.state === 'failed').length, pending: live.length },
    records: {
      confirmed: records.filter((r) => r.state === 'confirmed').length,
      failed: records.filter((r) => r.state === 'failed').length,
      pending: records.filter((r) => isLive(r.state)).length,
    },
    registrationFeesRao,
  };
}

/**
 * One line per order still in flight (intended or submitted): money the ledger has taken out
 * of the queue but the chain has not confirmed as burned. The books are not balanced while
 * there is one; `pog economy buyback` drives it to its end.
 */
export function ordersInFlight(state: LedgerState): string[] {
  const out: string[] = [];
  for (const o of state.orders.values()) {
    if (!isLive(o.state)) continue;
    const amount = `${formatDecimal(o.amountRao)} TAO`;
    const what =
      o.state === 'intended'
        ? `intended at ${o.intendedAt}, never signed`
        : o.staked
          ? `staked at block #${o.staked.inclusion.blockNumber} (${formatDecimal(o.staked.alphaRao)} alpha), ${o.burnTx ? `burn_alpha ${short(o.burnTx.hash)} sent, not final` : 'burn_alpha not sent yet'}${o.burnFailures.length ? ` (last burn failed: ${o.burnFailures.at(-1)!})` : ''}`
          : `submitted as ${short(o.tx!.hash)} (nonce ${o.tx!.nonce}), not final`;
    out.push(`order ${short(o.key)} of ${amount} (${o.method}) is still in flight: ${what}; run \`pog economy buyback\` to settle it`);
  }
  return out;
}

/** One disagreement between the ledger and the chain. `message` is one line for people. */
export type Mismatch =
  /** A confirmed order whose AddStakeBurn is not on the canonical chain where the ledger says. */
  | { readonly kind: 'missing-burn'; readonly order: string; readonly inclusion: Inclusion; readonly message: string }
  /** The AddStakeBurn is there but its subnet, hotkey, TAO or alpha differ from the ledger. */
  | { readonly kind: 'burn-mismatch'; readonly order: string; readonly inclusion: Inclusion; readonly differences: readonly string[]; readonly message: string }
  /** An AddStakeBurn by the ledger's coldkey that no confirmed order accounts for. */
  | { readonly kind: 'unrecorded-burn'; readonly event: BurnEvent; readonly order: string | null; readonly message: string }
  /** A confirmed record whose Remarked event is not on the canonical chain where the ledger says. */
  | { readonly kind: 'missing-record'; readonly index: number; readonly inclusion: Inclusion; readonly message: string }
  /** The record's text does not hash to its hash, the local copy differs, or the chain reports another hash or sender. */
  | { readonly kind: 'record-mismatch'; readonly index: number; readonly message: string };

export interface BooksCheck {
  /** Blocks scanned for AddStakeBurn events not in the ledger; null when there was nothing to scan from. */
  readonly scanned: { readonly fromBlock: number; readonly toBlock: number; readonly truncated: boolean } | null;
  readonly burnsChecked: number;
  readonly recordsChecked: number;
  readonly mismatches: readonly Mismatch[];
}

export interface CheckBooksOptions {
  /** Subnets whose burns are checked (default: every subnet the ledger's orders name). */
  readonly netuids?: readonly number[];
  /** Coldkeys whose burns count as the ledger's (default: the signers of the ledger's orders). */
  readonly signers?: readonly string[];
  /** First block scanned for unrecorded burns (default: the first block an order was signed at). */
  readonly fromBlock?: number;
  /** At most this many blocks are scanned, the newest (default 10,000). */
  readonly maxScanBlocks?: number;
  /** The ledger directory, to compare the local copies of the records. */
  readonly dir?: string;
}

const short = (hash: string) => `${hash.slice(0, 10)}…`;
const where = (i: Inclusion) => `block #${i.blockNumber} (${short(i.blockHash)}) extrinsic ${i.extrinsicIndex}`;
const sameInclusion = (a: Inclusion, b: Inclusion) => a.blockHash.toLowerCase() === b.blockHash.toLowerCase() && a.extrinsicIndex === b.extrinsicIndex;

/**
 * Checks the ledger against the chain: each confirmed order has its AddStakeBurn (same subnet,
 * hotkey, TAO and alpha) at the recorded block and index; each confirmed record has its
 * Remarked event with the record's hash, sent by the ledger's coldkey, and its text hashes to
 * it; and no AddStakeBurn by the ledger's coldkey in the scanned blocks is missing from the
 * ledger (one that belongs to an order still in flight is reported too: run the buyback to
 * reconcile it).
 */
export async function checkBooks(state: LedgerState, port: LedgerChainPort, options: CheckBooksOptions = {}): Promise<BooksCheck> {
  const mismatches: Mismatch[] = [];
  const orders = [...state.orders.values()];
  const signers = new Set([...(options.signers ?? []), ...orders.map((o) => o.tx?.signer).filter((s): s is string => !!s)]);
  const netuids = new Set(options.netuids ?? orders.map((o) => o.netuid));
  const confirmed = orders.filter((o) => o.state === 'confirmed');
  for (const o of confirmed) {
    const at = o.inclusion!;
    // A two-call order's burn is its AlphaBurned (no TAO in it: the TAO went in with add_stake).
    const twoCalls = o.method === 'add_stake+burn_alpha';
    const event: { netuid: number; hotkey: string; taoRao?: bigint; alphaRao: bigint } | null = twoCalls ? await port.alphaBurnAt(at) : await port.burnAt(at);
    if (!event) {
      mismatches.push({ kind: 'missing-burn', order: o.key, inclusion: at, message: `order ${short(o.key)} is confirmed at ${where(at)}, but the chain has no ${twoCalls ? 'AlphaBurned' : 'AddStakeBurn'} there` });
      continue;
    }
    const differences: string[] = [];
    if (event.netuid !== o.netuid) differences.push(`netuid ${event.netuid} on chain, ${o.netuid} in the ledger`);
    if (event.hotkey !== o.hotkey) differences.push(`hotkey ${event.hotkey} on chain, ${o.hotkey} in the ledger`);
    if (event.taoRao !== undefined && event.taoRao !== o.taoRao) differences.push(`${event.taoRao} rao of TAO on chain, ${String(o.taoRao)} in the ledger`);
    if (event.alphaRao !== o.alphaRao) differences.push(`${event.alphaRao} rao of alpha on chain, ${String(o.alphaRao)} in the ledger`);
    if (differences.length > 0) mismatches.push({ kind: 'burn-mismatch', order: o.key, inclusion: at, differences, message: `order ${short(o.key)} at ${where(at)}: ${differences.join('; ')}` });
  }

  const records = confirmedRecords(state);
  for (const r of records) {
    const at = r.inclusion!;
    if (blake2Hex(r.json) !== r.hash) mismatches.push({ kind: 'record-mismatch', index: r.index, message: `record ${r.index}: its JSON in the journal does not hash to ${short(r.hash)}` });
    if (options.dir) {
      const file = recordFile(options.dir, r.index);
      if (existsSync(file) && readFileSync(file, 'utf8').replace(/\n$/, '') !== r.json) {
        mismatches.push({ kind: 'record-mismatch', index: r.index, message: `record ${r.index}: ${file} differs from the journal's copy` });
      }
    }
    const remark = await port.remarkAt(at);
    if (!remark) {
      mismatches.push({ kind: 'missing-record', index: r.index, inclusion: at, message: `record ${r.index} is confirmed at ${where(at)}, but the chain has no Remarked event there` });
      continue;
    }
    if (remark.hash.toLowerCase() !== r.hash.toLowerCase()) mismatches.push({ kind: 'record-mismatch', index: r.index, message: `record ${r.index}: the chain's Remarked hash is ${remark.hash}, the ledger's ${r.hash}` });
    if (r.tx && remark.sender !== r.tx.signer) mismatches.push({ kind: 'record-mismatch', index: r.index, message: `record ${r.index}: remarked by ${remark.sender}, not by ${r.tx.signer}` });
  }

  let scanned: BooksCheck['scanned'] = null;
  const starts = orders.map((o) => o.tx?.signedAtBlock).filter((b): b is number => b !== undefined);
  const start = options.fromBlock ?? (starts.length > 0 ? Math.min(...starts) : undefined);
  if (start !== undefined && netuids.size > 0) {
    const head = (await port.finalizedHead()).number;
    const max = options.maxScanBlocks ?? 10_000;
    const fromBlock = Math.max(start, head - max + 1, 0);
    scanned = { fromBlock, toBlock: head, truncated: fromBlock > start };
    const byTx = new Map(orders.filter((o) => o.tx).map((o) => [o.tx!.hash.toLowerCase(), o]));
    for (const netuid of [...netuids].sort((a, b) => a - b)) {
      if (fromBlock > head) break;
      for (const event of await port.listBurnEvents(netuid, fromBlock, head)) {
        if (event.signer !== null && !signers.has(event.signer)) continue;
        if (confirmed.some((o) => sameInclusion(o.inclusion!, event))) continue;
        const owner = event.txHash ? byTx.get(event.txHash.toLowerCase()) : undefined;
        const what = owner
          ? isLive(owner.state)
            ? `belongs to order ${short(owner.key)}, still ${owner.state} in the ledger (run \`pog economy buyback\` to reconcile it)`
            : `belongs to order ${short(owner.key)}, which the ledger has as ${owner.state}${owner.state === 'failed' ? `: ${owner.failure ?? ''}` : ''}`
          : 'is in no order of the ledger';
        mismatches.push({
          kind: 'unrecorded-burn',
          event,
          order: owner?.key ?? null,
          message: `AddStakeBurn of ${formatDecimal(event.taoRao)} TAO for ${formatDecimal(event.alphaRao)} alpha at ${where(event)} ${what}`,
        });
      }
    }
  }
  return { scanned, burnsChecked: confirmed.length, recordsChecked: records.length, mismatches };
}
