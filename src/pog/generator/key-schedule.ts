import { createHash } from 'node:crypto';
import { InvalidSeedError } from '../errors';

/** Number of mixing rounds applied to every element (see docs/pog.md, "Generator"). */
export const GENERATOR_ROUNDS = 4;

/** Odd multipliers of the rounds; fixed by the spec. */
export const ROUND_MULTIPLIERS: readonly number[] = [0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1];

/** Words of a stream key as fed to the ONNX generator: multiplier, offset, one per round. */
export const STREAM_KEY_WORDS = 2 + GENERATOR_ROUNDS;

const DOMAIN = Buffer.from('pog/generator/v1', 'utf8');

/**
 * Per-stream parameters derived from the 256-bit seed: an odd index multiplier, an offset,
 * and one key word per round. Everything that needs XOR or SHA-256 happens here, once per
 * stream, so the per-element function needs only multiply, add and right shift.
 */
export interface StreamKey {
  readonly multiplier: number;
  readonly offset: number;
  readonly roundKeys: readonly number[];
}

export function assertSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new InvalidSeedError('a PoG seed must be exactly 32 bytes', { length: seed?.length });
  }
}

/** SHA-256("pog/generator/v1" ‖ seed ‖ u32le(stream)) split into eight little-endian words. */
export function deriveStreamKey(seed: Uint8Array, stream: number): StreamKey {
  assertSeed(seed);
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) {
    throw new InvalidSeedError('a stream id must be a u32', { stream });
  }
  const streamBytes = Buffer.alloc(4);
  streamBytes.writeUInt32LE(stream);
  const digest = createHash('sha256').update(DOMAIN).update(seed).update(streamBytes).digest();
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(digest.readUInt32LE(4 * i));
  return {
    multiplier: (words[0]! | 1) >>> 0,
    offset: words[1]!,
    roundKeys: words.slice(2, 2 + GENERATOR_ROUNDS),
  };
}

/** The STREAM_KEY_WORDS u32 words [multiplier, offset, roundKeys...] as fed to the ONNX generator. */
export function streamKeyWords(key: StreamKey): Uint32Array {
  return Uint32Array.from([key.multiplier, key.offset, ...key.roundKeys]);
}
