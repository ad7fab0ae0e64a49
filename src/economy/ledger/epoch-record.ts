import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, writeFileDurably } from '../../base';
import { blake2Hex } from './canonical-json';
import type { LedgerChainPort } from './chain-port';
import { formatDecimal, parseDecimal } from './decimal';
import { driveTx, type DriveResult, type TxSubject } from './drive-tx';
import { RecordBlockedError } from './errors';
import type { Ledger } from './ledger';
import { confirmedRecords, currentRecord, isLive, type EpochRecord, type LedgerState } from './state';
import { DEFAULT_WAIT_TIMEOUT_MS, orderSubject } from './buyback';

/**
 * The per-epoch accounting record: the totals of one accounting epoch as canonical JSON,
 * published on chain with `System.remark_with_event(json)`. The chain answers with
 * `System.Remarked(sender, blake2_256(json))`, so the record's hash is on chain as an event
 * and its full text in the extrinsic; the ledger keeps the JSON too (journal and
 * `records/record-<index>.json`), so anyone holding it can check the hash. Records are chained
 * by `previousHash`.
 *
 * An accounting epoch runs from the block after the previous record's last block to the
 * finalized head when the record is closed (run it once per subnet epoch, after the buyback).
 */
export const RECORD_FORMAT = 'pog-accounting-record/v1';

export interface AccountingRecord {
  readonly format: typeof RECORD_FORMAT;
  readonly index: number;
  readonly netuid: number;
  readonly previousHash: string | null;
  readonly blocks: { readonly from: number; readonly to: number };
  /** Revenue recorded in the ledger since the previous record. */
  readonly revenue: { readonly entries: number; readonly ids: readonly string[]; readonly usd: string; readonly taoRao: string };
  /** Buybacks confirmed in the epoch's blocks: TAO spent, alpha bought and burned. */
  readonly buyback: {
    readonly orders: number;
    readonly taoSpentRao: string;
    readonly alphaBurnedRao: string;
    readonly burns: readonly { readonly block: number; readonly blockHash: string; readonly extrinsicIndex: number; readonly taoRao: string; readonly alphaRao: string }[];
  };
  /** The subnet's alpha in circulation (pool + staked) before the first and after the last block. */
  readonly supply: { readonly beforeRao: string; readonly afterRao: string; readonly changeRao: string };
  /** Registration burns paid on the subnet in the epoch: TAO that went into the pool (recycled), not newly minted. */
  readonly registrations: { readonly count: number; readonly feesRecycledRao: string };
}

export interface CloseRecordOptions {
  readonly netuid: number;
  /** First block of the first record (default: the block the ledger's first order was signed at, else the head). */
  readonly firstFromBlock?: number;
  readonly waitTimeoutMs?: number;
}

export interface CloseRecordResult {
  readonly record: EpochRecord;
  readonly content: AccountingRecord;
  readonly drive: DriveResult;
  /** The local copy of the JSON. */
  readonly file: string;
}

/** `records/record-<index>.json` in the ledger directory. */
export function recordFile(dir: string, index: number): string {
  return join(dir, 'records', `record-${index}.json`);
}

export function recordSubject(ledger: Ledger, index: number): TxSubject {
  const record = () => currentRecord(ledger.state, index)!;
  return {
    kind: 'record',
    detail: { index },
    current: () => record(),
    call: () => ({ kind: 'remark', text: record().json }),
    appendSubmitted: (tx) => ledger.append({ kind: 'record.submitted', index, tx, time: ledger.now() }),
    appendIncluded: (outcome) => {
      const r = record();
      if (!outcome.remark || outcome.remark.hash !== r.hash) {
        ledger.append({ kind: 'record.failed', index, reason: `the chain reported remark hash ${outcome.remark?.hash ?? '(none)'}, not ${r.hash}`, inclusion: outcome.inclusion, time: ledger.now() });
        return;
      }
      ledger.append({ kind: 'record.confirmed', index, inclusion: outcome.inclusion, time: ledger.now() });
    },
    appendFailed: (reason, inclusion) => ledger.append({ kind: 'record.failed', index, reason, inclusion, time: ledger.now() }),
  };
}

/** Sums of the ledger side of an epoch: revenue after journal line `afterSeq`, confirmed burns in the block range. */
function ledgerSide(state: LedgerState, afterSeq: number, fromBlock: number, toBlock: number): Pick<AccountingRecord, 'revenue' | 'buyback'> {
  const revenue = [...state.revenues.values()].filter((r) => r.seq > afterSeq);
  const usd = revenue.filter((r) => r.currency === 'USD').reduce((a, r) => a + parseDecimal('usd', r.amount), 0n);
  const burns = [...state.orders.values()]
    .filter((o) => o.state === 'confirmed' && o.inclusion!.blockNumber >= fromBlock && o.inclusion!.blockNumber <= toBlock)
    .sort((a, b) => a.inclusion!.blockNumber - b.inclusion!.blockNumber || a.inclusion!.extrinsicIndex - b.inclusion!.extrinsicIndex);
  return {
    revenue: { entries: revenue.length, ids: revenue.map((r) => r.id), usd: formatDecimal(usd), taoRao: revenue.reduce((a, r) => a + r.taoRao, 0n).toString() },
    buyback: {
      orders: burns.length,
      taoSpentRao: burns.reduce((a, o) => a + o.taoRao!, 0n).toString(),
      alphaBurnedRao: burns.reduce((a, o) => a + o.alphaRao!, 0n).toString(),
      burns: burns.map((o) => ({ block: o.inclusion!.blockNumber, blockHash: o.inclusion!.blockHash, extrinsicIndex: o.inclusion!.extrinsicIndex, taoRao: o.taoRao!.toString(), alphaRao: o.alphaRao!.toString() })),
    },
  };
}

/**
 * Publishes the record left in flight by an earlier run, or closes the next accounting epoch
 * at the finalized head and publishes its record. Orders still `submitted` are settled first
 * (so the epoch's burns are known); if one stays pending, or there is no new finalized block,
 * it is a RecordBlockedError.
 */
export async function closeRecord(ledger: Ledger, port: LedgerChainPort, options: CloseRecordOptions): Promise<CloseRecordResult> {
  const waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const live = ledger.state.records.find((r) => isLive(r.state));
  if (live) {
    mkdirSync(join(ledger.dir, 'records'), { recursive: true });
    writeFileDurably(recordFile(ledger.dir, live.index), `${live.json}\n`, { mode: 0o666 });
    const drive = await driveTx(ledger, port, recordSubject(ledger, live.index), waitTimeoutMs);
    const record = currentRecord(ledger.state, live.index)!;
    return { record, content: JSON.parse(record.json) as AccountingRecord, drive, file: recordFile(ledger.dir, live.index) };
  }
  for (const o of [...ledger.state.orders.values()].filter((x) => x.state === 'submitted')) {
    const r = await driveTx(ledger, port, orderSubject(ledger, o.key), waitTimeoutMs);
    if (isLive(r.state)) throw new RecordBlockedError(`order ${o.key} is still in flight (${r.note ?? 'no outcome yet'}); close the record once it is settled`, { key: o.key });
  }
  const previous = confirmedRecords(ledger.state).at(-1) ?? null;
  const head = await port.finalizedHead();
  const firstTx = [...ledger.state.orders.values()].map((o) => o.tx?.signedAtBlock).filter((b): b is number => b !== undefined);
  const fromBlock = previous ? previous.toBlock + 1 : (options.firstFromBlock ?? (firstTx.length > 0 ? Math.min(...firstTx) : head.number));
  const toBlock = head.number;
  if (fromBlock > toBlock) throw new RecordBlockedError(`no finalized block after #${fromBlock - 1} yet: the next record starts at block #${fromBlock}`, { fromBlock, toBlock });
  const index = (previous?.index ?? 0) + 1;
  const before = await port.alphaSupply(options.netuid, Math.max(0, fromBlock - 1));
  const after = await port.alphaSupply(options.netuid, toBlock);
  const registrations = await port.registrationFees(options.netuid, fromBlock, toBlock);
  const content: AccountingRecord = {
    format: RECORD_FORMAT,
    index,
    netuid: options.netuid,
    previousHash: previous?.hash ?? null,
    blocks: { from: fromBlock, to: toBlock },
    ...ledgerSide(ledger.state, previous?.seq ?? 0, fromBlock, toBlock),
    supply: { beforeRao: before.toString(), afterRao: after.toString(), changeRao: (after - before).toString() },
    registrations: { count: registrations.length, feesRecycledRao: registrations.reduce((a, r) => a + r.feeRao, 0n).toString() },
  };
  const json = canonicalJson(content);
  const hash = blake2Hex(json);
  const attempt = ledger.state.records.filter((r) => r.index === index).length + 1;
  ledger.append({ kind: 'record.intended', index, attempt, fromBlock, toBlock, json, hash, time: ledger.now() });
  const file = recordFile(ledger.dir, index);
  mkdirSync(join(ledger.dir, 'records'), { recursive: true });
  writeFileDurably(file, `${json}\n`, { mode: 0o666 });
  await ledger.step('record.intended', { index });
  const drive = await driveTx(ledger, port, recordSubject(ledger, index), waitTimeoutMs);
  return { record: currentRecord(ledger.state, index)!, content, drive, file };
}

/** The record's hash recomputed from its JSON: equal to `record.hash` unless the text was altered. */
export function recomputeRecordHash(json: string): string {
  return blake2Hex(json);
}
