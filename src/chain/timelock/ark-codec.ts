/**
 * The few arkworks `CanonicalSerialize` encodings the chain's `TLECiphertext` uses
 * (ark-serialize 0.4, as pinned by subtensor):
 * - `Vec<u8>` / `[u8]`: the length as u64 little endian (8 bytes), then the bytes;
 * - `u64`: 8 bytes little endian;
 * - BLS12-381 points: 48-byte (G1) / 96-byte (G2) zcash-style compressed encodings (see bls.ts).
 * A reader that never reads past the end and reports where it stopped. Like the chain's
 * `deserialize_compressed(&mut &bytes[..])`, it leaves trailing bytes unread rather than refusing them.
 */
import { TimelockCiphertextFormatError } from './errors';

/** arkworks `Vec<u8>`: u64 LE length ‖ bytes. */
export function arkBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + bytes.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(bytes.length), true);
  out.set(bytes, 8);
  return out;
}

/** Reads arkworks-encoded fields in order from one buffer. */
export class ArkReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array, private readonly what: string) {}

  /** `n` raw bytes (a fixed-size field such as a compressed point). */
  fixed(n: number, field: string): Uint8Array {
    if (this.offset + n > this.bytes.length) {
      throw new TimelockCiphertextFormatError(`${this.what}: ${field} needs ${n} bytes at offset ${this.offset}, ${this.bytes.length - this.offset} left`, { field, offset: this.offset });
    }
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** an arkworks `Vec<u8>` whose length must be at most `max`. */
  vec(field: string, max: number): Uint8Array {
    const len = new DataView(this.fixed(8, `${field} length`).slice().buffer).getBigUint64(0, true);
    if (len > BigInt(max)) throw new TimelockCiphertextFormatError(`${this.what}: ${field} says ${len} bytes, more than ${max}`, { field, length: len.toString() });
    return this.fixed(Number(len), field);
  }

}
