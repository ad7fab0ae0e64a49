import { InvalidRequestError } from '../errors';
import { big, one, type Database, type Queryable } from '../db/database';
import { nowMs } from '../ids';
import { MAX_AMOUNT } from '../credits/credit-book';
import { BOND_REVENUE_SOURCE, type RevenueOutbox } from './revenue-outbox';

export interface BondBalance {
  readonly miner: string;
  readonly available: bigint;
  readonly locked: bigint;
  readonly forfeited: bigint;
}

/** The revenue id of a forfeited bond. */
export const bondRevenueId = (jobId: string, miner: string) => `bond-${jobId}-${miner}`;

/**
 * Miner bonds (seed 004): SupplierBond = BondModulation × JobPrice, taken from collateral the
 * miner deposited, locked while the miner runs a job, returned when its outputs are validated
 * (or the job was not checked), forfeited into the buyback's revenue when they fail
 * validation. `modulationPpm` is BondModulation in millionths; 0 turns bonds off (no miner
 * needs collateral). Every movement is one conditional update in the caller's transaction.
 */
export class Bonds {
  constructor(
    private readonly db: Database,
    private readonly revenue: RevenueOutbox,
    readonly modulationPpm = 0n,
  ) {}

  /** The bond a run of a job at `price` needs. */
  bondFor(price: bigint): bigint {
    return (price * this.modulationPpm) / 1_000_000n;
  }

  /** Records collateral a miner deposited, once per `ref` (a transfer's block and index, an operator's reference). */
  async deposit(miner: string, amount: bigint, ref: string): Promise<boolean> {
    if (amount <= 0n || amount > MAX_AMOUNT) throw new InvalidRequestError(`a bond deposit is 1..${MAX_AMOUNT} credit units`);
    return this.db.transaction(async (tx) => {
      if ((await tx.run('INSERT INTO bond_deposits (ref, miner, amount, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING', [ref, miner, amount, nowMs()])) !== 1) return false;
      await tx.run('INSERT INTO miner_bonds (miner, available, locked, forfeited) VALUES (?, 0, 0, 0) ON CONFLICT (miner) DO NOTHING', [miner]);
      await tx.run('UPDATE miner_bonds SET available = available + ? WHERE miner = ?', [amount, miner]);
      return true;
    });
  }

  async balance(miner: string): Promise<BondBalance> {
    const r = await one(this.db, 'SELECT * FROM miner_bonds WHERE miner = ?', [miner]);
    return { miner, available: r ? big(r.available) : 0n, locked: r ? big(r.locked) : 0n, forfeited: r ? big(r.forfeited) : 0n };
  }

  /** Whether `miner` could lock the bond of a job at `price` now. */
  async canCover(miner: string, price: bigint): Promise<boolean> {
    const need = this.bondFor(price);
    return need === 0n || (await this.balance(miner)).available >= need;
  }

  /** Locks the bond for `miner`'s run of `jobId`; false where its collateral does not cover it. */
  async lock(jobId: string, miner: string, price: bigint): Promise<boolean> {
    const need = this.bondFor(price);
    if (need === 0n) return true;
    return this.db.transaction(async (tx) => {
      if (await one(tx, 'SELECT 1 AS x FROM bond_locks WHERE job_id = ? AND miner = ?', [jobId, miner])) return true;
      if ((await tx.run('UPDATE miner_bonds SET available = available - ?, locked = locked + ? WHERE miner = ? AND available >= ?', [need, need, miner, need])) !== 1) return false;
      await tx.run("INSERT INTO bond_locks (job_id, miner, amount, state) VALUES (?, ?, ?, 'locked')", [jobId, miner, need]);
      return true;
    });
  }

  /** Returns (validated) or forfeits (failed validation) `miner`'s bond for `jobId`; a forfeit becomes revenue. */
  async settleIn(tx: Queryable, jobId: string, miner: string, validated: boolean): Promise<void> {
    const lock = await one(tx, "SELECT amount FROM bond_locks WHERE job_id = ? AND miner = ? AND state = 'locked'", [jobId, miner]);
    if (!lock) return;
    const amount = big(lock.amount);
    if ((await tx.run("UPDATE bond_locks SET state = ? WHERE job_id = ? AND miner = ? AND state = 'locked'", [validated ? 'returned' : 'forfeited', jobId, miner])) !== 1) return;
    if (validated) await tx.run('UPDATE miner_bonds SET locked = locked - ?, available = available + ? WHERE miner = ?', [amount, amount, miner]);
    else {
      await tx.run('UPDATE miner_bonds SET locked = locked - ?, forfeited = forfeited + ? WHERE miner = ?', [amount, amount, miner]);
      await this.revenue.addIn(tx, bondRevenueId(jobId, miner), amount, BOND_REVENUE_SOURCE);
    }
  }

  /** Returns every bond still locked for `jobId` (it ended without judging those runs). */
  async returnAllIn(tx: Queryable, jobId: string): Promise<void> {
    for (const r of await tx.all("SELECT miner FROM bond_locks WHERE job_id = ? AND state = 'locked'", [jobId])) await this.settleIn(tx, jobId, String(r.miner), true);
  }

  /** Returns bonds still locked for jobs that have ended (failed, expired, or delivered unchecked). */
  async returnForEndedJobs(): Promise<number> {
    const rows = await this.db.all("SELECT DISTINCT l.job_id FROM bond_locks l JOIN jobs j ON j.id = l.job_id WHERE l.state = 'locked' AND j.state IN ('done', 'failed') LIMIT 500");
    for (const r of rows) await this.db.transaction((tx) => this.returnAllIn(tx, String(r.job_id)));
    return rows.length;
  }
}
