import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { PogError } from '../errors';

/** A source of uniformly random bytes; node:crypto's randomBytes in production. */
export type RandomBytes = (size: number) => Uint8Array;

export const defaultRandomBytes: RandomBytes = cryptoRandomBytes;

/** Reads u32 values from a RandomBytes source, fetching bytes in batches. */
export class RandomU32Source {
  private buffer: Uint8Array = new Uint8Array(0);
  private position = 0;

  constructor(
    private readonly randomBytes: RandomBytes,
    private readonly batchWords = 64,
  ) {}

  next(): number {
    if (this.position + 4 > this.buffer.length) {
      const size = 4 * this.batchWords;
      const fresh = this.randomBytes(size);
      if (!(fresh instanceof Uint8Array) || fresh.length !== size) {
        throw new PogError('randomBytes returned the wrong number of bytes', { requested: size, got: fresh?.length });
      }
      this.buffer = fresh;
      this.position = 0;
    }
    const b = this.buffer;
    const p = this.position;
    this.position += 4;
    return (b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!)) >>> 0;
  }

  /**
   * A uniform integer in [0, bound). Draws at or above the largest multiple of bound that fits
   * in 2³² are rejected and redrawn, so the final `% bound` has no modulo bias.
   */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
      throw new PogError('a random bound must be an integer in 1..2³²', { bound });
    }
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const u = this.next();
      if (u < limit) return u % bound;
    }
  }
}
