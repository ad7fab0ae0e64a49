import { InvalidParamsError } from '../errors';
import type { WorkloadParams } from '../workload';

/** The part of the workload parameters a commitment depends on. */
export type CommitmentShape = Pick<WorkloadParams, 'rows' | 'headWidth' | 'rowsPerLeaf'>;

/** Derived sizes of a commitment's tree. */
export interface CommitmentGeometry {
  readonly leafCount: number;
  /** Tree height: log2(leafCount), the length of every proof. */
  readonly depth: number;
  /** float32 values per leaf: rowsPerLeaf × headWidth. */
  readonly leafValues: number;
}

const isPowerOfTwo = (v: number) => Number.isInteger(v) && v > 0 && v <= 2 ** 32 && Number.isInteger(Math.log2(v));

/**
 * Checks the shape and derives the tree's sizes. Only the fields a commitment uses are
 * checked, so tests and tools can commit to shapes smaller than the workload schema allows.
 */
export function commitmentGeometry(shape: CommitmentShape): CommitmentGeometry {
  const { rows, headWidth, rowsPerLeaf } = shape;
  if (!isPowerOfTwo(rows)) throw new InvalidParamsError('rows must be a power of two', { rows });
  if (!isPowerOfTwo(rowsPerLeaf) || rowsPerLeaf > rows) {
    throw new InvalidParamsError('rowsPerLeaf must be a power of two no larger than rows', { rows, rowsPerLeaf });
  }
  if (!Number.isInteger(headWidth) || headWidth < 1) throw new InvalidParamsError('headWidth must be a positive integer', { headWidth });
  const leafCount = rows / rowsPerLeaf;
  return { leafCount, depth: Math.log2(leafCount), leafValues: rowsPerLeaf * headWidth };
}
