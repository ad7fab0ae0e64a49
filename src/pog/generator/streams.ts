import { deriveStreamKey } from './key-schedule';
import { generateU32 } from './element';

/**
 * Stream ids of a workload. Each matrix is its own stream; an element's index within its
 * stream is row·columns + column (row-major).
 */
export const STREAM = {
  /** X₀, the N×n input block. */
  input: 1,
  /** Q, the n×r head that projects the last hidden state to the committed rows. */
  head: 2,
  /** The secret layer sequence a₁..a_T. */
  sequence: 3,
  /** P_j, the n×n pool matrices, are streams poolBase + j. */
  poolBase: 0x100,
} as const;

export function poolStream(j: number): number {
  return STREAM.poolBase + j;
}

/** a_t = u32(sequence stream, t) mod m for t = 0..T−1: which pool matrix layer t multiplies by. */
export function layerSequence(seed: Uint8Array, depth: number, poolSize: number): number[] {
  const key = deriveStreamKey(seed, STREAM.sequence);
  const sequence: number[] = [];
  for (let t = 0; t < depth; t++) sequence.push(generateU32(key, t) % poolSize);
  return sequence;
}
