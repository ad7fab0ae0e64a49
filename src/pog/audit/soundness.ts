import { InvalidParamsError } from '../errors';

function assertFraction(f: number): void {
  if (!Number.isFinite(f) || f < 0 || f > 1) throw new InvalidParamsError('the faked fraction must be in [0, 1]', { f });
}

function assertAuditCount(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw new InvalidParamsError('the number of audited rows must be a non-negative integer', { k });
}

/**
 * Probability that a miner who faked a fraction f of the rows passes k audits drawn with
 * replacement: (1 − f)^k. Drawing without replacement only lowers it, so this is the bound
 * to design against.
 */
export function passProbability(f: number, k: number): number {
  assertFraction(f);
  assertAuditCount(k);
  return (1 - f) ** k;
}

/**
 * The exact probability for k distinct rows out of totalRows when fakedRows of them are
 * wrong: C(N − F, k) / C(N, k) = ∏_{i<k} (N − F − i)/(N − i), summed as logarithms so large N
 * and k neither overflow nor underflow.
 */
export function hypergeometricPassProbability(totalRows: number, fakedRows: number, k: number): number {
  if (!Number.isInteger(totalRows) || totalRows < 1) throw new InvalidParamsError('totalRows must be a positive integer', { totalRows });
  if (!Number.isInteger(fakedRows) || fakedRows < 0 || fakedRows > totalRows) {
    throw new InvalidParamsError('fakedRows must be an integer in 0..totalRows', { totalRows, fakedRows });
  }
  assertAuditCount(k);
  if (k > totalRows) throw new InvalidParamsError('cannot audit more rows than exist', { totalRows, k });
  const honest = totalRows - fakedRows;
  if (k > honest) return 0;
  let logP = 0;
  for (let i = 0; i < k; i++) logP += Math.log(honest - i) - Math.log(totalRows - i);
  return Math.exp(logP);
}

/**
 * passProbability for finite N: a miner faking at least a fraction f fakes ⌈f·N⌉ rows (the
 * fewest, its best case). The small slack absorbs f·N landing a rounding error above an integer.
 */
export function passProbabilityExact(f: number, k: number, totalRows: number): number {
  assertFraction(f);
  const faked = Math.min(totalRows, Math.ceil(f * totalRows - 1e-9));
  return hypergeometricPassProbability(totalRows, Math.max(0, faked), k);
}

/**
 * The smallest k whose pass probability for a miner faking fraction f is at most target;
 * with totalRows, using the exact finite-N probability (never more than the (1−f)^k answer).
 */
export function auditRowsFor(f: number, targetPassProbability: number, totalRows?: number): number {
  assertFraction(f);
  if (f === 0) throw new InvalidParamsError('no number of audits catches a miner that fakes nothing', { f });
  const target = targetPassProbability;
  if (!Number.isFinite(target) || target <= 0 || target >= 1) {
    throw new InvalidParamsError('the target pass probability must be in (0, 1)', { targetPassProbability });
  }
  const p = totalRows === undefined ? (k: number) => passProbability(f, k) : (k: number) => passProbabilityExact(f, k, totalRows);
  // Closed form first, then step to the exact minimum so float rounding cannot be off by one.
  let k = f === 1 ? 1 : Math.max(1, Math.ceil(Math.log(target) / Math.log(1 - f)));
  if (totalRows !== undefined) k = Math.min(k, totalRows);
  while (k > 1 && p(k - 1) <= target) k--;
  while (p(k) > target) {
    if (totalRows !== undefined && k >= totalRows) {
      throw new InvalidParamsError('no audit of at most totalRows rows reaches the target', { f, targetPassProbability, totalRows });
    }
    k++;
  }
  return k;
}
