import { InvalidEconomyInputError } from './errors';

/**
 * Supplier reputation (seed 004, §"Supplier Reputation"):
 *   SupplierReputation_j[k] = Σ_{last W jobs} NumberOfJobsValidated / Σ_{last W jobs} NumberOfJobsCompleted,
 * the share of a supplier's last W completed jobs (or PoG challenges) that passed validation.
 * The queue is ordered by reputation, ties by SupplierOrder = Σ_t NumberOfJobsCompleted[k].
 */

/** One supplier's completed jobs, oldest first: true where the job was validated. */
export interface SupplierHistory {
  readonly id: string;
  readonly outcomes: readonly boolean[];
}

export interface RankedSupplier {
  id: string;
  reputation: number;
  totalCompleted: number;
}

function requireWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new InvalidEconomyInputError(`the reputation window must be a whole number ≥ 1, got ${window}`, { window });
}

/**
 * Validated / completed over the last `window` jobs. A supplier with no completed jobs has
 * reputation 0: it has shown nothing yet, and one validated job lifts it to the top band, which
 * is how the seed lets new suppliers in ("easier for new suppliers to onboard … if they are
 * successfully training models").
 */
export function supplierReputation(outcomes: readonly boolean[], window: number): number {
  requireWindow(window);
  const recent = outcomes.slice(-window);
  if (recent.length === 0) return 0;
  return recent.filter(Boolean).length / recent.length;
}

/** SupplierOrder: total jobs completed over the supplier's whole history. */
export function supplierOrder(outcomes: readonly boolean[]): number {
  return outcomes.length;
}

/**
 * The job queue: highest reputation first, ties by total jobs completed (more first), then by
 * id so the order is deterministic.
 */
export function rankSuppliers(suppliers: readonly SupplierHistory[], window: number): RankedSupplier[] {
  requireWindow(window);
  return suppliers
    .map((s) => ({ id: s.id, reputation: supplierReputation(s.outcomes, window), totalCompleted: supplierOrder(s.outcomes) }))
    .sort((a, b) => b.reputation - a.reputation || b.totalCompleted - a.totalCompleted || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
