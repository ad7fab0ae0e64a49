/**
 * IEEE 754 binary16 conversions for host-side fp16 tensors (Uint16Array bit patterns), since
 * Node 20 has no Float16Array.
 */
const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);

/** The fp16 bits nearest to Math.fround(value): round to nearest even, subnormals, ±inf, NaN. */
export function float32ToFp16Bits(value: number): number {
  F32[0] = value;
  const x = F32_BITS[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return mantissa === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13);
  const e = exponent - 112; // rebias 127 → 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Below 2⁻²⁵ everything rounds to zero; between, the result is subnormal (or the least normal).
    if (e < -10) return sign;
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    const half = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return sign | (rest > halfway || (rest === halfway && (half & 1) === 1) ? half + 1 : half);
  }
  const half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa bumps the exponent, up to infinity: still correct.
  return sign | (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? half + 1 : half);
}

/** The value of fp16 bits `h`. */
export function fp16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

/** Float32 values → fp16 bit patterns. */
export function toFp16Array(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFp16Bits(values[i]!);
  return out;
}

/** fp16 bit patterns → Float32Array (exact: every fp16 value is a float32). */
export function fromFp16Array(bits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = fp16BitsToNumber(bits[i]!);
  return out;
}
