import { InvalidParamsError } from '../errors';

/** True when the host stores multi-byte numbers little-endian (every platform Node ships on today). */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The little-endian IEEE-754 bytes of float32 values, the serialisation every commitment uses.
 * On a little-endian host this is a zero-copy view of `values` (hashing 128 MiB of output
 * must not copy it); on a big-endian host it is a byte-swapped copy.
 */
export function float32LeBytes(values: Float32Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return float32LeBytesPortable(values);
}

/**
 * The same bytes written one value at a time through a DataView, whatever the host order.
 * A NaN's payload may be canonicalised on this path; committed outputs are compared by
 * value, and a NaN fails verification whatever its bits.
 */
export function float32LeBytesPortable(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  return out;
}

/** float32 values from little-endian bytes (a copy, so unaligned input is fine). */
export function float32FromLeBytes(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) throw new InvalidParamsError('float32 data must be a multiple of 4 bytes', { length: bytes.length });
  const out = new Float32Array(bytes.length / 4);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}
