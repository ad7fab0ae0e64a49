import type { BuybackCapabilities, BuybackMethod, BuybackWindow, LedgerChainPort } from './chain-port';
import { driveTx, type DriveResult, type TxSubject } from './drive-tx';
import { BuybackUnsupportedError } from './errors';
import type { Ledger } from './ledger';
import { orderKey } from './order-key';
import { isLive, type LedgerState, type Order, type Revenue } from './state';

/**
 * The buyback: un-spent revenue becomes one `add_stake_burn` order, at most one per subnet
 * tempo (the chain's rate limit). On a runtime without `add_stake_burn` (spec 293) the order
 * is `add_stake` and then `burn_alpha` of exactly the alpha the stake bought, each leg driven
 * exactly once like any other extrinsic. The node's calls are read from its metadata before
 * an order is written. Before anything new is planned, every order and record left in flight
 * by an earlier run (a crash, a timeout) is driven to its end.
 */

export interface BuybackOptions {
  /** Subnet whose alpha is bought and burned (new orders; a pending order keeps its own). */
  readonly netuid: number;
  /** Hotkey the alpha is staked to before it is burned (the subnet owner's hotkey). */
  readonly hotkey: string;
  /** Highest price accepted, rao of TAO per alpha; null for none. */
  readonly limitRao?: bigint | null;
  /** Un-spent revenue below this stays queued (the chain refuses tiny stakes). Default 0.01 TAO. */
  readonly minOrderRao?: bigint;
  /** How long to wait for each extrinsic to be finalized. Default 120 s. */
  readonly waitTimeoutMs?: number;
}

export const DEFAULT_MIN_ORDER_RAO = 10_000_000n;
export const DEFAULT_WAIT_TIMEOUT_MS = 120_000;

export type BuybackBlock =
  /** An order is still in flight (no outcome yet); it is retried on the next run. */
  | 'order-pending'
  /** The subnet's buyback ran less than a tempo ago. */
  | 'rate-limited'
  /** The un-spent revenue is below the minimum order. */
  | 'below-minimum'
  /** Nothing to buy back. */
  | 'nothing-to-do';

export interface BuybackReport {
  /** Orders that reached confirmed or failed during this run, in order. */
  readonly settled: readonly Order[];
  /** Orders still intended or submitted after this run. */
  readonly pending: readonly Order[];
  /** The order planned by this run, as it ended. */
  readonly planned: Order | null;
  /** Revenue not spent by any live or confirmed order after this run. */
  readonly queued: { readonly revenueIds: readonly string[]; readonly taoRao: bigint };
  /** Why no new order was planned; null when one was. */
  readonly blocked: BuybackBlock | null;
  /** The rate-limit window, when the chain was asked. */
  readonly window: BuybackWindow | null;
  /** Notes on pending orders (why they have no outcome yet). */
  readonly notes: readonly string[];
}

/** Revenue not spent by a live or confirmed order, in journal order. */
export function unspentRevenue(state: LedgerState): Revenue[] {
  return [...state.revenues.values()].filter((r) => !state.spentBy.has(r.id));
}

export function liveOrders(state: LedgerState): Order[] {
  return [...state.orders.values()].filter((o) => isLive(o.state));
}

/** 1 + the failed orders over exactly these revenue ids. */
export function nextAttempt(state: LedgerState, revenueIds: readonly string[]): number {
  const wanted = [...revenueIds].sort().join('\n');
  let failed = 0;
  for (const o of state.orders.values()) if (o.state === 'failed' && [...o.revenueIds].sort().join('\n') === wanted) failed++;
  return failed + 1;
}

/**
 * The method for a new order on a node with `caps`; BuybackUnsupportedError (before anything
 * is written) when the node has no way to buy back, or none that honours the limit price.
 */
export function chooseMethod(caps: BuybackCapabilities, limitRao: bigint | null): BuybackMethod {
  if (caps.addStakeBurn) return 'add_stake_burn';
  const missing = ['add_stake_burn', ...(caps.addStake ? [] : ['add_stake']), ...(caps.burnAlpha ? [] : ['burn_alpha'])];
  if (missing.length > 1) throw new BuybackUnsupportedError(caps.specVersion, missing);
  if (limitRao !== null) {
    throw new BuybackUnsupportedError(caps.specVersion, missing, `the node (runtime spec ${caps.specVersion}) has no add_stake_burn, and add_stake + burn_alpha takes no limit price: run without --limit-price; nothing was written to the ledger`);
  }
  return 'add_stake+burn_alpha';
}

/** The subject that journals an order's steps: its only extrinsic, or the first leg (`add_stake`) of a two-leg order. */
export function orderSubject(ledger: Ledger, key: string): TxSubject {
  const order = () => ledger.state.orders.get(key)!;
  return {
    kind: 'order',
    detail: { key },
    // A two-leg order whose stake is final has nothing left to do in this leg.
    current: () => {
      const o = order();
      return { state: o.staked && isLive(o.state) ? 'confirmed' : o.state, tx: o.tx };
    },
    call: () => {
      const o = order();
      if (o.method === 'add_stake+burn_alpha') return { kind: 'stake', netuid: o.netuid, hotkey: o.hotkey, amountRao: o.amountRao };
      return { kind: 'buyback', netuid: o.netuid, hotkey: o.hotkey, amountRao: o.amountRao, limitRao: o.limitRao };
    },
    appendSubmitted: (tx) => ledger.append({ kind: 'order.submitted', key, tx, time: ledger.now() }),
    appendIncluded: (outcome) => {
      if (order().method === 'add_stake+burn_alpha') {
        if (!outcome.staked) {
          ledger.append({ kind: 'order.failed', key, reason: 'add_stake was included and succeeded, but emitted no StakeAdded event', inclusion: outcome.inclusion, time: ledger.now() });
          return;
        }
        ledger.append({ kind: 'order.staked', key, inclusion: outcome.inclusion, taoRao: outcome.staked.taoRao.toString(), alphaRao: outcome.staked.alphaRao.toString(), time: ledger.now() });
        return;
      }
      if (!outcome.burn) {
        ledger.append({ kind: 'order.failed', key, reason: 'included and succeeded, but emitted no AddStakeBurn event', inclusion: outcome.inclusion, time: ledger.now() });
        return;
      }
      ledger.append({
        kind: 'order.confirmed',
        key,
        inclusion: outcome.inclusion,
        taoRao: outcome.burn.taoRao.toString(),
        alphaRao: outcome.burn.alphaRao.toString(),
        time: ledger.now(),
      });
    },
    appendFailed: (reason, inclusion) => ledger.append({ kind: 'order.failed', key, reason, inclusion, time: ledger.now() }),
  };
}

/**
 * The second leg of a two-leg order: `burn_alpha` of the alpha its stake bought. A failed
 * burn leaves the order live (the TAO is spent, the alpha still staked): the next run signs a
 * new one. Only `confirmed` ends the order.
 */
export function burnSubject(ledger: Ledger, key: string): TxSubject {
  const order = () => ledger.state.orders.get(key)!;
  return {
    kind: 'burn',
    detail: { key },
    current: () => {
      const o = order();
      return { state: !isLive(o.state) ? o.state : o.burnTx ? 'submitted' : 'intended', tx: o.burnTx };
    },
    call: () => {
      const o = order();
      return { kind: 'burn-alpha', netuid: o.netuid, hotkey: o.hotkey, amountRao: o.staked!.alphaRao };
    },
    appendSubmitted: (tx) => ledger.append({ kind: 'order.burn-submitted', key, tx, time: ledger.now() }),
    appendIncluded: (outcome) => {
      if (!outcome.alphaBurned) {
        ledger.append({ kind: 'order.burn-failed', key, reason: 'burn_alpha was included and succeeded, but emitted no AlphaBurned event', inclusion: outcome.inclusion, time: ledger.now() });
        return;
      }
      ledger.append({
        kind: 'order.confirmed',
        key,
        inclusion: outcome.inclusion,
        taoRao: order().staked!.taoRao.toString(),
        alphaRao: outcome.alphaBurned.alphaRao.toString(),
        time: ledger.now(),
      });
    },
    appendFailed: (reason, inclusion) => ledger.append({ kind: 'order.burn-failed', key, reason, inclusion, time: ledger.now() }),
  };
}

/** Drives an order through its extrinsic (or both legs) as far as the chain allows now. */
async function driveOrder(ledger: Ledger, port: LedgerChainPort, key: string, waitTimeoutMs: number): Promise<DriveResult> {
  let result = await driveTx(ledger, port, orderSubject(ledger, key), waitTimeoutMs);
  const o = ledger.state.orders.get(key)!;
  if (o.method === 'add_stake+burn_alpha' && o.staked && isLive(o.state)) result = await driveTx(ledger, port, burnSubject(ledger, key), waitTimeoutMs);
  const after = ledger.state.orders.get(key)!;
  const burnFailed = after.burnFailures.length > o.burnFailures.length || (isLive(after.state) && after.staked && !after.burnTx && after.burnFailures.length > 0);
  const note = result.note ?? (burnFailed ? `its alpha is staked but not burned yet (${after.burnFailures.at(-1)!}); the next run signs a new burn_alpha` : undefined);
  return { state: after.state, ...(note ? { note } : {}) };
}

function queued(state: LedgerState): BuybackReport['queued'] {
  const rs = unspentRevenue(state);
  return { revenueIds: rs.map((r) => r.id), taoRao: rs.reduce((a, r) => a + r.taoRao, 0n) };
}

/**
 * Drives every order left in flight: a `submitted` one is looked up and settled or resent
 * (same bytes); an `intended` one is signed and sent once its subnet's window is open.
 * Returns the orders it settled and notes on those still pending.
 */
export async function recoverOrders(ledger: Ledger, port: LedgerChainPort, waitTimeoutMs: number = DEFAULT_WAIT_TIMEOUT_MS): Promise<{ settled: Order[]; notes: string[]; window: BuybackWindow | null }> {
  const settled: Order[] = [];
  const notes: string[] = [];
  let window: BuybackWindow | null = null;
  let caps: BuybackCapabilities | null = null;
  for (const o of liveOrders(ledger.state)) {
    if (o.state === 'intended' && o.method === 'add_stake_burn') {
      // Nothing is signed yet: an order the node cannot run is failed, so its revenue is planned again with a method the node has.
      caps ??= await port.capabilities();
      if (!caps.addStakeBurn) {
        ledger.append({ kind: 'order.failed', key: o.key, reason: `the node (runtime spec ${caps.specVersion}) has no add_stake_burn; nothing was signed`, inclusion: null, time: ledger.now() });
        settled.push(ledger.state.orders.get(o.key)!);
        continue;
      }
    }
    if (o.state === 'intended' && o.method === 'add_stake_burn') {
      window = await port.buybackWindow(o.netuid);
      if (window.head + 1 < window.nextAllowedBlock) {
        notes.push(`order ${o.key} waits for block #${window.nextAllowedBlock} (the subnet's buyback rate limit)`);
        continue;
      }
    }
    const result = await driveOrder(ledger, port, o.key, waitTimeoutMs);
    if (result.note) notes.push(`order ${o.key}: ${result.note}`);
    if (!isLive(result.state)) settled.push(ledger.state.orders.get(o.key)!);
  }
  return { settled, notes, window };
}

/**
 * Recovers, then plans and executes one order for all un-spent revenue when no order is in
 * flight, the total reaches the minimum, and the subnet's rate limit allows it. Otherwise
 * the revenue stays queued and `blocked` says why (with `window.nextAllowedBlock` when it is
 * the rate limit).
 */
export async function runBuyback(ledger: Ledger, port: LedgerChainPort, options: BuybackOptions): Promise<BuybackReport> {
  const waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const minOrderRao = options.minOrderRao ?? DEFAULT_MIN_ORDER_RAO;
  const recovered = await recoverOrders(ledger, port, waitTimeoutMs);
  const settled = [...recovered.settled];
  const notes = [...recovered.notes];
  let window = recovered.window;
  const report = (blocked: BuybackBlock | null, planned: Order | null): BuybackReport => ({
    settled,
    pending: liveOrders(ledger.state),
    planned,
    queued: queued(ledger.state),
    blocked,
    window,
    notes,
  });
  if (liveOrders(ledger.state).length > 0) return report('order-pending', null);
  const revenue = unspentRevenue(ledger.state);
  const total = revenue.reduce((a, r) => a + r.taoRao, 0n);
  if (revenue.length === 0) return report('nothing-to-do', null);
  if (total < minOrderRao) return report('below-minimum', null);
  const limitRao = options.limitRao ?? null;
  const method = chooseMethod(await port.capabilities(), limitRao);
  if (method === 'add_stake_burn') {
    // Only add_stake_burn is rate-limited per tempo.
    window = await port.buybackWindow(options.netuid);
    // The ledger's own last burn on the subnet bounds the window too (a node whose rate-limit
    // storage the adapter cannot read reports the window as open).
    const ownLast = Math.max(0, ...[...ledger.state.orders.values()].filter((o) => o.state === 'confirmed' && o.method === 'add_stake_burn' && o.netuid === options.netuid).map((o) => o.inclusion!.blockNumber));
    if (ownLast > 0 && ownLast + window.tempo > window.nextAllowedBlock) window = { ...window, lastBurnBlock: Math.max(window.lastBurnBlock, ownLast), nextAllowedBlock: ownLast + window.tempo };
    if (window.head + 1 < window.nextAllowedBlock) return report('rate-limited', null);
  }
  const revenueIds = revenue.map((r) => r.id);
  const attempt = nextAttempt(ledger.state, revenueIds);
  const key = orderKey(revenueIds, attempt);
  ledger.append({
    kind: 'order.intended',
    key,
    attempt,
    revenueIds,
    netuid: options.netuid,
    hotkey: options.hotkey,
    amountRao: total.toString(),
    limitRao: limitRao === null ? null : limitRao.toString(),
    method,
    time: ledger.now(),
  });
  await ledger.step('order.intended', { key });
  const result = await driveOrder(ledger, port, key, waitTimeoutMs);
  if (result.note) notes.push(`order ${key}: ${result.note}`);
  const planned = ledger.state.orders.get(key)!;
  if (!isLive(planned.state)) settled.push(planned);
  return report(null, planned);
}
