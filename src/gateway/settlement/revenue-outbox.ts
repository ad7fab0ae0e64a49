import { formatDecimal, Ledger, LedgerLockedError } from '../../economy';
import { big, type Database, type Queryable } from '../db/database';
import { nowMs } from '../ids';

/** The ledger's `source` of job revenue and of forfeited bonds. */
export const JOB_REVENUE_SOURCE = 'gateway-job';
export const BOND_REVENUE_SOURCE = 'gateway-bond';

export interface ExportReport {
  /** Entries newly written to the ledger, and entries it already had (a crash between writing and marking). */
  readonly added: number;
  readonly alreadyThere: number;
  /** The ledger was locked by another process (a buyback running): nothing was exported this time. */
  readonly locked: boolean;
}

/**
 * Revenue on its way to the buyback-and-burn ledger. A settled job's revenue is written here
 * inside the transaction that charges the buyer, keyed by `job-<id>`, so it exists exactly
 * when the charge does and at most once. `exportTo` copies unexported entries into the ledger
 * under the same id (the ledger's own idempotency key), then marks them: a crash in between
 * re-adds an entry the ledger already has, which it answers "already had" and changes nothing.
 */
export class RevenueOutbox {
  constructor(private readonly db: Database) {}

  /** Adds revenue (rao) inside the caller's transaction; false where `id` is already there. */
  async addIn(tx: Queryable, id: string, amountRao: bigint, source: string): Promise<boolean> {
    return (await tx.run('INSERT INTO revenue_outbox (id, amount, source, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [id, amountRao, source, nowMs()])) === 1;
  }

  async pending(): Promise<Array<{ id: string; amount: bigint; source: string }>> {
    const rows = await this.db.all('SELECT id, amount, source FROM revenue_outbox WHERE exported_ms IS NULL ORDER BY created_ms, id LIMIT 1000');
    return rows.map((r) => ({ id: String(r.id), amount: big(r.amount), source: String(r.source) }));
  }

  /** Total revenue recorded (rao), exported or not. */
  async total(): Promise<bigint> {
    const r = await this.db.all('SELECT COALESCE(SUM(amount), 0) AS total FROM revenue_outbox');
    return big(r[0]!.total);
  }

  /** Copies pending entries into the ledger in `ledgerDir` (opened and closed here: `pog economy buyback` can run between exports). */
  async exportTo(ledgerDir: string): Promise<ExportReport> {
    const pending = await this.pending();
    if (pending.length === 0) return { added: 0, alreadyThere: 0, locked: false };
    let ledger: Ledger;
    try {
      ledger = Ledger.open(ledgerDir);
    } catch (error) {
      if (error instanceof LedgerLockedError) return { added: 0, alreadyThere: 0, locked: true };
      throw error;
    }
    let added = 0;
    let alreadyThere = 0;
    try {
      for (const e of pending) {
        if (ledger.addRevenue({ id: e.id, tao: formatDecimal(e.amount), source: e.source }).added) added++;
        else alreadyThere++;
      }
    } finally {
      ledger.close();
    }
    const now = nowMs();
    for (const e of pending) await this.db.run('UPDATE revenue_outbox SET exported_ms = ? WHERE id = ? AND exported_ms IS NULL', [now, e.id]);
    return { added, alreadyThere, locked: false };
  }
}
