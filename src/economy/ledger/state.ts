import type { Inclusion, JournalLine, LedgerEntry, SignedTx } from './entries';
import type { BuybackMethod } from './chain-port';
import { LedgerInvariantError } from './errors';

/**
 * The ledger's state: what replaying the journal gives. Revenue is spent by at most one live
 * or confirmed order; an order or record goes intended → submitted → confirmed | failed
 * (intended → failed too, before anything was signed); a failed order frees its revenue.
 */

export type TxState = 'intended' | 'submitted' | 'confirmed' | 'failed';

export interface Revenue {
  /** Journal line of the entry. */
  readonly seq: number;
  readonly id: string;
  readonly currency: 'USD' | 'TAO';
  readonly amount: string;
  readonly usdPerTao: string | null;
  readonly taoRao: bigint;
  readonly source: string;
  readonly time: string;
}

export interface Order {
  readonly seq: number;
  readonly key: string;
  readonly attempt: number;
  readonly revenueIds: readonly string[];
  readonly netuid: number;
  readonly hotkey: string;
  readonly amountRao: bigint;
  readonly limitRao: bigint | null;
  readonly method: BuybackMethod;
  readonly intendedAt: string;
  readonly state: TxState;
  readonly tx: SignedTx | null;
  readonly inclusion: Inclusion | null;
  /** TAO spent and alpha burned, as the chain's event reported them (confirmed orders). */
  readonly taoRao: bigint | null;
  readonly alphaRao: bigint | null;
  readonly failure: string | null;
  readonly settledAt: string | null;
  /** `add_stake+burn_alpha` orders: the final first leg (TAO spent, alpha bought), null before. */
  readonly staked: { readonly inclusion: Inclusion; readonly taoRao: bigint; readonly alphaRao: bigint } | null;
  /** `add_stake+burn_alpha` orders: the signed second leg, null before it is signed (or after it failed). */
  readonly burnTx: SignedTx | null;
  /** Second legs that failed, newest last (the order stays live: the alpha is still staked). */
  readonly burnFailures: readonly string[];
}

export interface EpochRecord {
  readonly seq: number;
  readonly index: number;
  readonly attempt: number;
  readonly fromBlock: number;
  readonly toBlock: number;
  readonly json: string;
  readonly hash: string;
  readonly intendedAt: string;
  readonly state: TxState;
  readonly tx: SignedTx | null;
  readonly inclusion: Inclusion | null;
  readonly failure: string | null;
}

export interface LedgerState {
  readonly lastSeq: number;
  readonly createdAt: string | null;
  /** In journal order. */
  readonly revenues: ReadonlyMap<string, Revenue>;
  /** In journal order. */
  readonly orders: ReadonlyMap<string, Order>;
  /** Every attempt of every record, in journal order. */
  readonly records: readonly EpochRecord[];
  /** Revenue id → key of the live or confirmed order that spends it. */
  readonly spentBy: ReadonlyMap<string, string>;
}

/** The state as the ledger holds it and `applyLine` changes it. */
export interface MutableState {
  lastSeq: number;
  createdAt: string | null;
  revenues: Map<string, Revenue>;
  orders: Map<string, Order>;
  records: EpochRecord[];
  spentBy: Map<string, string>;
}

export function emptyState(): MutableState {
  return { lastSeq: 0, createdAt: null, revenues: new Map(), orders: new Map(), records: [], spentBy: new Map() };
}

export const isLive = (s: TxState) => s === 'intended' || s === 'submitted';

/** The newest attempt of record `index`. */
export function currentRecord(state: LedgerState, index: number): EpochRecord | undefined {
  for (let i = state.records.length - 1; i >= 0; i--) if (state.records[i]!.index === index) return state.records[i];
  return undefined;
}

/** Confirmed records, by index. */
export function confirmedRecords(state: LedgerState): EpochRecord[] {
  return state.records.filter((r) => r.state === 'confirmed').sort((a, b) => a.index - b.index);
}

/**
 * Applies one journal line to the state, in place. Every check runs before anything changes,
 * so when it throws LedgerInvariantError (the entry does not follow from the state) the state
 * is as it was.
 */
export function applyLine(s: MutableState, line: JournalLine): void {
  const fail = (message: string): never => {
    throw new LedgerInvariantError(message, { seq: line.seq, kind: line.entry.kind });
  };
  if (line.seq !== s.lastSeq + 1) fail(`entry ${line.seq} follows entry ${s.lastSeq}`);
  applyEntry(s, line.seq, line.entry, fail);
  s.lastSeq = line.seq;
}

function applyEntry(s: MutableState, seq: number, e: LedgerEntry, fail: (m: string) => never): void {
  if (seq === 1 && e.kind !== 'ledger.created') fail('the first entry is not ledger.created');
  switch (e.kind) {
    case 'ledger.created':
      if (seq !== 1) fail('ledger.created after the first entry');
      s.createdAt = e.time;
      return;
    case 'revenue':
      if (s.revenues.has(e.id)) fail(`revenue ${e.id} is recorded twice`);
      s.revenues.set(e.id, { seq, id: e.id, currency: e.currency, amount: e.amount, usdPerTao: e.usdPerTao, taoRao: BigInt(e.taoRao), source: e.source, time: e.time });
      return;
    case 'order.intended': {
      if (s.orders.has(e.key)) fail(`order ${e.key} is intended twice`);
      if (new Set(e.revenueIds).size !== e.revenueIds.length) fail(`order ${e.key} lists a revenue twice`);
      let sum = 0n;
      for (const id of e.revenueIds) {
        const r = s.revenues.get(id);
        if (!r) fail(`order ${e.key} spends unknown revenue ${id}`);
        const by = s.spentBy.get(id);
        if (by !== undefined) fail(`order ${e.key} spends revenue ${id}, already spent by order ${by}`);
        sum += r!.taoRao;
      }
      if (BigInt(e.amountRao) !== sum) fail(`order ${e.key} spends ${e.amountRao} rao but its revenue adds up to ${sum}`);
      for (const id of e.revenueIds) s.spentBy.set(id, e.key);
      s.orders.set(e.key, {
        seq,
        key: e.key,
        attempt: e.attempt,
        revenueIds: e.revenueIds,
        netuid: e.netuid,
        hotkey: e.hotkey,
        amountRao: BigInt(e.amountRao),
        limitRao: e.limitRao === null ? null : BigInt(e.limitRao),
        method: e.method ?? 'add_stake_burn',
        intendedAt: e.time,
        state: 'intended',
        tx: null,
        inclusion: null,
        taoRao: null,
        alphaRao: null,
        failure: null,
        settledAt: null,
        staked: null,
        burnTx: null,
        burnFailures: [],
      });
      return;
    }
    case 'order.staked': {
      const o = s.orders.get(e.key) ?? fail(`order ${e.key} is staked but was never intended`);
      if (o.method !== 'add_stake+burn_alpha') fail(`order ${e.key} is staked but is one ${o.method}`);
      if (o.state !== 'submitted' || o.staked) fail(`order ${e.key} is staked while ${o.staked ? 'already staked' : o.state}`);
      s.orders.set(e.key, { ...o, staked: { inclusion: e.inclusion, taoRao: BigInt(e.taoRao), alphaRao: BigInt(e.alphaRao) } });
      return;
    }
    case 'order.burn-submitted': {
      const o = s.orders.get(e.key) ?? fail(`order ${e.key} has a burn submitted but was never intended`);
      if (!o.staked || o.burnTx || o.state !== 'submitted') fail(`order ${e.key} has a burn submitted before its stake is final or while another burn is`);
      s.orders.set(e.key, { ...o, burnTx: e.tx });
      return;
    }
    case 'order.burn-failed': {
      const o = s.orders.get(e.key) ?? fail(`order ${e.key} has a burn failed but was never intended`);
      if (!o.burnTx || o.state !== 'submitted') fail(`order ${e.key} has a burn failed with no burn submitted`);
      s.orders.set(e.key, { ...o, burnTx: null, burnFailures: [...o.burnFailures, e.reason] });
      return;
    }
    case 'order.submitted': {
      const o = s.orders.get(e.key) ?? fail(`order ${e.key} is submitted but was never intended`);
      if (o.state !== 'intended') fail(`order ${e.key} is submitted while ${o.state}`);
      s.orders.set(e.key, { ...o, state: 'submitted', tx: e.tx });
      return;
    }
    case 'order.confirmed': {
      const o = s.orders.get(e.key) ?? fail(`order ${e.key} is confirmed but was never intended`);
      if (o.state !== 'submitted') fail(`order ${e.key} is confirmed while ${o.state}`);
      if (o.method === 'add_stake+burn_alpha' && !o.burnTx) fail(`order ${e.key} is confirmed before its burn was submitted`);
      s.orders.set(e.key, { ...o, state: 'confirmed', inclusion: e.inclusion, taoRao: BigInt(e.taoRao), alphaRao: BigInt(e.alphaRao), settledAt: e.time });
      return;
    }
    case 'order.failed': {
      const o = s.orders.get(e.key) ?? fail(`order ${e.key} failed but was never intended`);
      if (!isLive(o.state)) fail(`order ${e.key} failed while ${o.state}`);
      // Its TAO is already staked: failing would free the revenue and spend it twice.
      if (o.staked) fail(`order ${e.key} failed after its stake was final`);
      for (const id of o.revenueIds) if (s.spentBy.get(id) === e.key) s.spentBy.delete(id);
      s.orders.set(e.key, { ...o, state: 'failed', inclusion: e.inclusion, failure: e.reason, settledAt: e.time });
      return;
    }
    case 'record.intended': {
      const confirmed = s.records.filter((r) => r.state === 'confirmed').length;
      if (e.index !== confirmed + 1) fail(`record ${e.index} is intended after ${confirmed} confirmed records`);
      const live = s.records.find((r) => isLive(r.state));
      if (live) fail(`record ${e.index} is intended while record ${live.index} is ${live.state}`);
      s.records.push({
        seq,
        index: e.index,
        attempt: e.attempt,
        fromBlock: e.fromBlock,
        toBlock: e.toBlock,
        json: e.json,
        hash: e.hash,
        intendedAt: e.time,
        state: 'intended',
        tx: null,
        inclusion: null,
        failure: null,
      });
      return;
    }
    case 'record.submitted':
    case 'record.confirmed':
    case 'record.failed': {
      let at = -1;
      for (let i = s.records.length - 1; i >= 0; i--) {
        if (s.records[i]!.index === e.index) {
          at = i;
          break;
        }
      }
      if (at < 0) fail(`record ${e.index} is ${e.kind.slice(7)} but was never intended`);
      const r = s.records[at]!;
      if (e.kind === 'record.submitted') {
        if (r.state !== 'intended') fail(`record ${e.index} is submitted while ${r.state}`);
        s.records[at] = { ...r, state: 'submitted', tx: e.tx };
      } else if (e.kind === 'record.confirmed') {
        if (r.state !== 'submitted') fail(`record ${e.index} is confirmed while ${r.state}`);
        s.records[at] = { ...r, state: 'confirmed', inclusion: e.inclusion };
      } else {
        if (!isLive(r.state)) fail(`record ${e.index} failed while ${r.state}`);
        s.records[at] = { ...r, state: 'failed', inclusion: e.inclusion, failure: e.reason };
      }
      return;
    }
  }
}
