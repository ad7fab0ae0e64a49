import { GENERATOR_ROUNDS, ROUND_MULTIPLIERS, type StreamKey } from './key-schedule';

// Builtins bound once: inside a vm context (jest) every global `Math.x` lookup goes through
// the global object's interceptor; bound, the test suite went from 227 s to 15 s.
const imul = Math.imul;

/**
 * The counter-based generator: the u32 at `index` of a stream.
 *
 *   x = index·multiplier + offset                                   (mod 2³²)
 *   repeat for r = 0..3:  x = x·(2x + 1);  x = ⌊x / 2¹⁶⌋ + x·2¹⁶;  x = x·M_r + roundKey_r
 *
 * x·(2x + 1) is RC6's quadratic: a permutation of u32 that is nonlinear under modular
 * differences (add-and-shift mixing alone left neighbouring entries correlated). The second
 * step is a rotation by 16 written with add, exact since the halves never overlap. Only
 * wrapping multiply, add and division by a power of two are used, so the same function runs
 * as an ONNX graph on the CUDA execution provider, which has no XOR or shift kernels. Every
 * step is a bijection of u32, so distinct indices of one stream never collide.
 */
export function generateU32(key: StreamKey, index: number): number {
  let x = (imul(index >>> 0, key.multiplier) + key.offset) >>> 0;
  for (let r = 0; r < GENERATOR_ROUNDS; r++) {
    x = imul(x, (2 * x + 1) >>> 0) >>> 0;
    x = ((x >>> 16) + imul(x, 65536)) >>> 0;
    x = (imul(x, ROUND_MULTIPLIERS[r]!) + key.roundKeys[r]!) >>> 0;
  }
  return x;
}

/** fp32 value of a generated word: ((u >>> 8) − 2²³)·2⁻²³, exactly representable, in [−1, 1). */
export function u32ToFp32Value(u: number): number {
  return ((u >>> 8) - 8388608) / 8388608;
}

/** fp16 value of a generated word: ((u >>> 21) − 2¹⁰)·2⁻¹⁰, exactly representable in fp16, in [−1, 1). */
export function u32ToFp16Value(u: number): number {
  return ((u >>> 21) - 1024) / 1024;
}

export type ValueFormat = 'fp32' | 'fp16';

export function u32ToValue(u: number, format: ValueFormat): number {
  return format === 'fp16' ? u32ToFp16Value(u) : u32ToFp32Value(u);
}

/** Fills `out` with the values at indices start, start+1, … of a stream (exact in Float32Array). */
export function fillValues(
  key: StreamKey,
  start: number,
  out: Float32Array | Float64Array,
  format: ValueFormat,
): void {
  for (let i = 0; i < out.length; i++) out[i] = u32ToValue(generateU32(key, start + i), format);
}
