import { createHash } from 'node:crypto';
import { InvalidParamsError } from '../errors';
import { assertChallengeId, HASH_BYTES, leafHeader, nodeHashOfPair } from './hash';
import { float32LeBytes } from './row-bytes';
import { commitmentGeometry, type CommitmentShape } from './shape';

/**
 * A built commitment: the root plus every level, kept so the miner can open any leaf later.
 * levels[0] holds the leaf hashes and levels[depth] the root; level h is one contiguous
 * buffer of (leafCount >> h) hashes, so a node's two children are adjacent bytes.
 */
export interface MerkleTree {
  readonly root: Uint8Array;
  readonly leafCount: number;
  readonly challengeId: Uint8Array;
  readonly shape: CommitmentShape;
  readonly levels: readonly Uint8Array[];
  /** The committed output, by reference: callers must not modify it until the audit is over. */
  readonly output: Float32Array;
}

/**
 * Builds the Merkle commitment to `output` (rows × headWidth float32, row-major) for one
 * challenge. Leaves are rowsPerLeaf consecutive rows as little-endian bytes; the output is
 * hashed in place, never copied.
 */
export function buildCommitment(challengeId: Uint8Array, output: Float32Array, shape: CommitmentShape): MerkleTree {
  assertChallengeId(challengeId);
  const { leafCount, depth, leafValues } = commitmentGeometry(shape);
  if (!(output instanceof Float32Array) || output.length !== shape.rows * shape.headWidth) {
    throw new InvalidParamsError('output must be a Float32Array of rows × headWidth values', {
      length: output?.length,
      expected: shape.rows * shape.headWidth,
    });
  }
  const bytes = float32LeBytes(output);
  const leafBytes = leafValues * 4;
  const leaves = new Uint8Array(leafCount * HASH_BYTES);
  // One header reused for every leaf (update() copies it into the hash state at once); only
  // its trailing u32be leaf index changes.
  const header = leafHeader(challengeId, 0);
  const indexOffset = header.length - 4;
  for (let i = 0; i < leafCount; i++) {
    header.writeUInt32BE(i, indexOffset);
    const digest = createHash('sha256')
      .update(header)
      .update(bytes.subarray(i * leafBytes, (i + 1) * leafBytes))
      .digest();
    leaves.set(digest, i * HASH_BYTES);
  }
  const levels: Uint8Array[] = [leaves];
  for (let h = 0; h < depth; h++) {
    const below = levels[h]!;
    const count = below.length / HASH_BYTES / 2;
    const level = new Uint8Array(count * HASH_BYTES);
    for (let i = 0; i < count; i++) {
      level.set(nodeHashOfPair(below.subarray(2 * i * HASH_BYTES, (2 * i + 2) * HASH_BYTES)), i * HASH_BYTES);
    }
    levels.push(level);
  }
  return {
    root: levels[depth]!.slice(),
    leafCount,
    challengeId: Uint8Array.from(challengeId),
    shape: { rows: shape.rows, headWidth: shape.headWidth, rowsPerLeaf: shape.rowsPerLeaf },
    levels,
    output,
  };
}
