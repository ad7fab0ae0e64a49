import { timingSafeEqual } from 'node:crypto';
import { CommitmentMismatchError, InvalidParamsError } from '../errors';
import { assertChallengeId, HASH_BYTES, leafHash, nodeHash } from './hash';
import { float32LeBytes } from './row-bytes';
import { commitmentGeometry, type CommitmentShape } from './shape';
import type { MerkleTree } from './tree';

/** One opened leaf: its rows (rowsPerLeaf × headWidth float32) and the sibling hashes bottom-up. */
export interface Opening {
  readonly leafIndex: number;
  readonly rows: Float32Array;
  readonly proof: readonly Uint8Array[];
}

/** The miner's side: the rows of leaf `leafIndex` and its proof, copied out of the tree. */
export function openLeaf(tree: MerkleTree, leafIndex: number): Opening {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= tree.leafCount) {
    throw new InvalidParamsError('leaf index out of range', { leafIndex, leafCount: tree.leafCount });
  }
  const leafValues = tree.shape.rowsPerLeaf * tree.shape.headWidth;
  const rows = tree.output.slice(leafIndex * leafValues, (leafIndex + 1) * leafValues);
  const proof: Uint8Array[] = [];
  let index = leafIndex;
  for (let h = 0; h < tree.levels.length - 1; h++) {
    const sibling = index ^ 1;
    proof.push(tree.levels[h]!.slice(sibling * HASH_BYTES, (sibling + 1) * HASH_BYTES));
    index >>>= 1;
  }
  return { leafIndex, rows, proof };
}

/**
 * Why `opening` does not match `root` for this challenge, or null when it does. The root and
 * challenge id are the validator's own; everything in the opening is untrusted.
 */
export function openingMismatch(root: Uint8Array, challengeId: Uint8Array, shape: CommitmentShape, opening: Opening): string | null {
  assertChallengeId(challengeId);
  const { leafCount, depth, leafValues } = commitmentGeometry(shape);
  if (!(root instanceof Uint8Array) || root.length !== HASH_BYTES) return `root must be ${HASH_BYTES} bytes`;
  const { leafIndex, rows, proof } = opening;
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= leafCount) {
    return `leaf index ${String(leafIndex)} is outside 0..${leafCount - 1}`;
  }
  if (!(rows instanceof Float32Array) || rows.length !== leafValues) {
    return `leaf ${leafIndex} must hold ${leafValues} float32 values, got ${String(rows?.length)}`;
  }
  if (!Array.isArray(proof) || proof.length !== depth) return `proof must have ${depth} hashes, got ${String(proof?.length)}`;
  let node: Uint8Array = leafHash(challengeId, leafIndex, float32LeBytes(rows));
  let index = leafIndex;
  for (const sibling of proof) {
    if (!(sibling instanceof Uint8Array) || sibling.length !== HASH_BYTES) return `every proof hash must be ${HASH_BYTES} bytes`;
    node = index & 1 ? nodeHash(sibling, node) : nodeHash(node, sibling);
    index >>>= 1;
  }
  return timingSafeEqual(node, root) ? null : `leaf ${leafIndex} does not hash to the committed root`;
}

/** True when the opening proves its rows are leaf `leafIndex` of the commitment `root`. */
export function verifyOpening(root: Uint8Array, challengeId: Uint8Array, shape: CommitmentShape, opening: Opening): boolean {
  return openingMismatch(root, challengeId, shape, opening) === null;
}

/** verifyOpening that throws CommitmentMismatchError with the reason instead of returning false. */
export function assertOpening(root: Uint8Array, challengeId: Uint8Array, shape: CommitmentShape, opening: Opening): void {
  const reason = openingMismatch(root, challengeId, shape, opening);
  if (reason !== null) throw new CommitmentMismatchError(reason, { leafIndex: opening.leafIndex });
}
