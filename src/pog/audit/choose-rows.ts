import { InvalidParamsError } from '../errors';
import { defaultRandomBytes, RandomU32Source, type RandomBytes } from './random-source';

/**
 * The rows the validator audits: k distinct indices in [0, rows), every k-subset equally
 * likely, sorted ascending. Called only after the commitment's root has arrived, with a CSPRNG,
 * so the miner cannot know which rows will be checked while it computes.
 *
 * Robert Floyd's sampling algorithm: exactly k uniform draws, no retry loop on duplicates.
 */
export function chooseAuditRows(rows: number, k: number, randomBytes: RandomBytes = defaultRandomBytes): number[] {
  if (!Number.isInteger(rows) || rows < 1 || rows > 2 ** 32) throw new InvalidParamsError('rows must be an integer in 1..2³²', { rows });
  if (!Number.isInteger(k) || k < 0 || k > rows) throw new InvalidParamsError('k must be an integer in 0..rows', { rows, k });
  const source = new RandomU32Source(randomBytes, Math.max(k, 1));
  const chosen = new Set<number>();
  for (let j = rows - k; j < rows; j++) {
    const t = source.below(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Array.from(chosen).sort((a, b) => a - b);
}

/** The distinct leaves, ascending, that hold the given rows. */
export function leavesForRows(rows: readonly number[], rowsPerLeaf: number): number[] {
  if (!Number.isInteger(rowsPerLeaf) || rowsPerLeaf < 1 || (rowsPerLeaf & (rowsPerLeaf - 1)) !== 0) {
    throw new InvalidParamsError('rowsPerLeaf must be a power of two', { rowsPerLeaf });
  }
  const leaves = new Set<number>();
  for (const row of rows) {
    if (!Number.isInteger(row) || row < 0) throw new InvalidParamsError('a row index must be a non-negative integer', { row });
    leaves.add(Math.floor(row / rowsPerLeaf));
  }
  return Array.from(leaves).sort((a, b) => a - b);
}
