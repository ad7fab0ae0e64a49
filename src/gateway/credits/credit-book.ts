import { InsufficientCreditError, InvalidRequestError, NotFoundError } from '../errors';
import { big, one, type Database, type Queryable } from '../db/database';
import { newId, nowMs } from '../ids';

/** Where credit comes from: a finalized TAO transfer, or a fiat payment at a recorded rate ("virtual" credit, seed 000). */
export type CreditSource = 'deposit_tao' | 'deposit_fiat';

/** Largest single amount accepted: keeps every sum far inside BIGINT (2^63). */
export const MAX_AMOUNT = 2n ** 53n;

export type HoldState = 'held' | 'charged' | 'released';

export interface Hold {
  readonly ref: string;
  readonly accountId: string;
  readonly amount: bigint;
  readonly state: HoldState;
  readonly reason: string | null;
}

export interface CreditEntry {
  readonly id: string;
  readonly kind: CreditSource | 'hold' | 'charge' | 'release';
  readonly amount: bigint;
  readonly ref: string;
  readonly createdMs: bigint;
}

function checkAmount(amount: bigint): bigint {
  if (typeof amount !== 'bigint' || amount <= 0n || amount > MAX_AMOUNT) throw new InvalidRequestError(`an amount is a whole number of credit units in 1..${MAX_AMOUNT}`, { amount: String(amount) });
  return amount;
}

async function entry(tx: Queryable, accountId: string, kind: CreditEntry['kind'], amount: bigint, ref: string): Promise<boolean> {
  const changed = await tx.run('INSERT INTO credit_entries (id, account_id, kind, amount, ref, created_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, ref) DO NOTHING', [
    newId('ce'),
    accountId,
    kind,
    amount,
    ref,
    nowMs(),
  ]);
  return changed === 1;
}

/**
 * Credit movements, each one transaction: the append-only entry and the balance change commit
 * together or not at all. A movement happens once per reference ((kind, ref) is unique), so a
 * retried deposit, hold, charge or release changes nothing the second time. Balances only move
 * through conditional updates (`available >= amount`), so concurrent holds cannot overdraw, on
 * SQLite or on a PostgreSQL server shared by several gateways.
 *
 * Invariant (checked by `audit`): deposits = available + held + charged, per account.
 */
export class CreditBook {
  constructor(private readonly db: Database) {}

  /**
   * Adds credit inside the caller's transaction (a payment's own record commits with it).
   * Returns false, changing nothing, where `ref` was already credited.
   */
  async credit(tx: Queryable, accountId: string, source: CreditSource, amount: bigint, ref: string): Promise<boolean> {
    checkAmount(amount);
    if (!(await entry(tx, accountId, source, amount, ref))) return false;
    const changed = await tx.run('UPDATE accounts SET available = available + ? WHERE id = ?', [amount, accountId]);
    if (changed !== 1) throw new NotFoundError('account', accountId);
    return true;
  }

  /**
   * Moves `amount` from available to held under `ref` (a job id). Throws
   * InsufficientCreditError, changing nothing, where the account cannot cover it. Holding the
   * same ref again returns the existing hold.
   */
  async hold(accountId: string, ref: string, amount: bigint): Promise<Hold> {
    checkAmount(amount);
    return this.db.transaction((tx) => this.holdIn(tx, accountId, ref, amount));
  }

  /** {@link hold} inside the caller's transaction (a job's row commits with its hold). */
  async holdIn(tx: Queryable, accountId: string, ref: string, amount: bigint): Promise<Hold> {
    checkAmount(amount);
    const existing = await this.#hold(tx, ref);
    if (existing) {
      if (existing.accountId !== accountId || existing.amount !== amount) throw new InvalidRequestError(`hold ${ref} exists with other terms`, { ref });
      return existing;
    }
    const moved = await tx.run('UPDATE accounts SET available = available - ?, held = held + ? WHERE id = ? AND available >= ?', [amount, amount, accountId, amount]);
    if (moved !== 1) {
      const row = await one(tx, 'SELECT available FROM accounts WHERE id = ?', [accountId]);
      if (!row) throw new NotFoundError('account', accountId);
      throw new InsufficientCreditError(accountId, amount, big(row.available));
    }
    await tx.run("INSERT INTO holds (ref, account_id, amount, state, created_ms) VALUES (?, ?, ?, 'held', ?)", [ref, accountId, amount, nowMs()]);
    await entry(tx, accountId, 'hold', amount, ref);
    return { ref, accountId, amount, state: 'held', reason: null };
  }

  /**
   * Charges a held amount (the job was delivered and verified): it leaves `held` for good.
   * Only a hold still `held` moves; returns the hold as it ends up either way.
   */
  charge(ref: string): Promise<Hold> {
    return this.db.transaction((tx) => this.settleIn(tx, ref, 'charged', null));
  }

  /** Hands a held amount back to `available` (failure, timeout, failed verification), with the reason. */
  release(ref: string, reason: string): Promise<Hold> {
    return this.db.transaction((tx) => this.settleIn(tx, ref, 'released', reason));
  }

  async getHold(ref: string): Promise<Hold | null> {
    return this.#hold(this.db, ref);
  }

  async entries(accountId: string, limit = 100): Promise<CreditEntry[]> {
    const rows = await this.db.all('SELECT * FROM credit_entries WHERE account_id = ? ORDER BY created_ms DESC, id LIMIT ?', [accountId, BigInt(Math.min(Math.max(limit, 1), 1000))]);
    return rows.map((r) => ({ id: String(r.id), kind: String(r.kind) as CreditEntry['kind'], amount: big(r.amount), ref: String(r.ref), createdMs: big(r.created_ms) }));
  }

  /** Recomputes an account's balances from its entries; a mismatch means a bug, never a normal state. */
  async audit(accountId: string): Promise<{ deposits: bigint; available: bigint; held: bigint; charged: bigint; balanced: boolean }> {
    const sums = new Map<string, bigint>();
    for (const r of await this.db.all('SELECT kind, SUM(amount) AS total FROM credit_entries WHERE account_id = ? GROUP BY kind', [accountId])) sums.set(String(r.kind), big(r.total));
    const account = await one(this.db, 'SELECT available, held FROM accounts WHERE id = ?', [accountId]);
    if (!account) throw new NotFoundError('account', accountId);
    const s = (k: string) => sums.get(k) ?? 0n;
    const deposits = s('deposit_tao') + s('deposit_fiat');
    const available = big(account.available);
    const held = big(account.held);
    const charged = s('charge');
    const balanced = deposits === available + held + charged && held === s('hold') - s('charge') - s('release');
    return { deposits, available, held, charged, balanced };
  }

  async #hold(q: Queryable, ref: string): Promise<Hold | null> {
    const r = await one(q, 'SELECT * FROM holds WHERE ref = ?', [ref]);
    return r ? { ref, accountId: String(r.account_id), amount: big(r.amount), state: String(r.state) as HoldState, reason: r.reason === null ? null : String(r.reason) } : null;
  }

  /** Charges or releases inside the caller's transaction (a job's final state commits with it). */
  async settleIn(tx: Queryable, ref: string, to: 'charged' | 'released', reason: string | null): Promise<Hold> {
    const hold = await this.#hold(tx, ref);
    if (!hold) throw new NotFoundError('hold', ref);
    // The state change is the guard: of two racing settlements, one moves the row.
    const moved = await tx.run("UPDATE holds SET state = ?, reason = ?, settled_ms = ? WHERE ref = ? AND state = 'held'", [to, reason, nowMs(), ref]);
    if (moved !== 1) return (await this.#hold(tx, ref))!;
    const back = to === 'released' ? hold.amount : 0n;
    await tx.run('UPDATE accounts SET held = held - ?, available = available + ? WHERE id = ?', [hold.amount, back, hold.accountId]);
    await entry(tx, hold.accountId, to === 'charged' ? 'charge' : 'release', hold.amount, ref);
    return { ...hold, state: to, reason };
  }
}
