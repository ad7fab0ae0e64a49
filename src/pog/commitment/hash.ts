import { createHash } from 'node:crypto';
import { InvalidParamsError } from '../errors';

/** Bytes of a SHA-256 digest, and so of every node, root and challenge id. */
export const HASH_BYTES = 32;

/** Domain tag of leaves; the 0x00/0x01 prefixes keep a leaf from ever being read as a node. */
export const LEAF_DOMAIN = 'pog/leaf/v1';

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const LEAF_HEADER_BYTES = 1 + LEAF_DOMAIN.length + HASH_BYTES + 4;

export function assertChallengeId(challengeId: Uint8Array): void {
  if (!(challengeId instanceof Uint8Array) || challengeId.length !== HASH_BYTES) {
    throw new InvalidParamsError(`a challenge id must be exactly ${HASH_BYTES} bytes`, { length: challengeId?.length });
  }
}

/**
 * The fixed part of a leaf's preimage: 0x00 ‖ "pog/leaf/v1" ‖ challengeId ‖ u32be(leafIndex).
 * Binding the challenge id makes an opening from one challenge useless in another.
 */
export function leafHeader(challengeId: Uint8Array, leafIndex: number): Buffer {
  const header = Buffer.alloc(LEAF_HEADER_BYTES);
  header[0] = LEAF_PREFIX;
  header.write(LEAF_DOMAIN, 1, 'ascii');
  header.set(challengeId, 1 + LEAF_DOMAIN.length);
  header.writeUInt32BE(leafIndex, 1 + LEAF_DOMAIN.length + HASH_BYTES);
  return header;
}

/** SHA-256(0x00 ‖ "pog/leaf/v1" ‖ challengeId ‖ u32be(leafIndex) ‖ rowBytes). */
export function leafHash(challengeId: Uint8Array, leafIndex: number, rowBytes: Uint8Array): Buffer {
  assertChallengeId(challengeId);
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex > 0xffffffff) {
    throw new InvalidParamsError('a leaf index must be a u32', { leafIndex });
  }
  return createHash('sha256').update(leafHeader(challengeId, leafIndex)).update(rowBytes).digest();
}

const NODE_PREFIX_BYTES = Uint8Array.of(NODE_PREFIX);

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    throw new InvalidParamsError(`node children must be ${HASH_BYTES} bytes`, { left: left.length, right: right.length });
  }
  return createHash('sha256').update(NODE_PREFIX_BYTES).update(left).update(right).digest();
}

/** SHA-256(0x01 ‖ pair) where `pair` is left ‖ right, already adjacent in one level's buffer. */
export function nodeHashOfPair(pair: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX_BYTES).update(pair).digest();
}
