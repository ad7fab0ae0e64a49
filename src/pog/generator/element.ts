import { GENERATOR_ROUNDS, ROUND_MULTIPLIERS, type StreamKey } from './key-schedule';
import { SIMD_CHUNK_VALUES, simdFill } from './simd-fill';

/** Below this many values the scalar loop is as quick as a call into the SIMD module. */
const SIMD_MIN_VALUES = 64;

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

/**
 * Fills `out` with the values at indices start, start+1, … of a stream (exact in Float32Array).
 * generateU32 unrolled, two elements per iteration (independent multiply chains the CPU
 * overlaps), the rotation as shifts and int32 wrap-around instead of `>>> 0` per step: the
 * same bits, 2–3× faster, and it is the validator's whole pool generation. Runs of 8 go
 * through the WebAssembly SIMD form of the same loop (simd-fill.ts) where the runtime has it.
 */
export function fillValues(
  key: StreamKey,
  start: number,
  out: Float32Array | Float64Array,
  format: ValueFormat,
): void {
  if (ROUND_MULTIPLIERS.length !== 4 || GENERATOR_ROUNDS !== 4) throw new Error('fillValues is unrolled for 4 rounds');
  const [m0, m1, m2, m3] = ROUND_MULTIPLIERS.map((m) => m | 0) as [number, number, number, number];
  const [k0, k1, k2, k3] = key.roundKeys.map((k) => k | 0) as [number, number, number, number];
  const step = key.multiplier | 0;
  const [shift, bias] = format === 'fp16' ? [21, 1024] : [8, 8388608];
  const scale = 1 / bias; // a power of two: the multiply is exact
  const n = out.length;
  let base = (imul(start >>> 0, step) + key.offset) | 0;
  let i = 0;
  const simd = n >= SIMD_MIN_VALUES ? simdFill() : null;
  if (simd) {
    const [fill, scratch] = out instanceof Float64Array ? [simd.fill64, simd.out64] : [simd.fill32, simd.out32];
    while (n - i >= 8) {
      const count = Math.min(SIMD_CHUNK_VALUES, (n - i) & ~7);
      fill(count, base, step, k0, k1, k2, k3, m0, m1, m2, m3, shift, bias, scale);
      out.set(count === SIMD_CHUNK_VALUES ? scratch : scratch.subarray(0, count), i);
      i += count;
      base = (base + imul(count, step)) | 0;
    }
  }
  for (; i + 1 < n; i += 2) {
    let x = base;
    let y = (base + step) | 0;
    base = (y + step) | 0;
    x = imul(x, (x << 1) | 1); y = imul(y, (y << 1) | 1);
    x = (x >>> 16) | (x << 16); y = (y >>> 16) | (y << 16);
    x = (imul(x, m0) + k0) | 0; y = (imul(y, m0) + k0) | 0;
    x = imul(x, (x << 1) | 1); y = imul(y, (y << 1) | 1);
    x = (x >>> 16) | (x << 16); y = (y >>> 16) | (y << 16);
    x = (imul(x, m1) + k1) | 0; y = (imul(y, m1) + k1) | 0;
    x = imul(x, (x << 1) | 1); y = imul(y, (y << 1) | 1);
    x = (x >>> 16) | (x << 16); y = (y >>> 16) | (y << 16);
    x = (imul(x, m2) + k2) | 0; y = (imul(y, m2) + k2) | 0;
    x = imul(x, (x << 1) | 1); y = imul(y, (y << 1) | 1);
    x = (x >>> 16) | (x << 16); y = (y >>> 16) | (y << 16);
    x = (imul(x, m3) + k3) | 0; y = (imul(y, m3) + k3) | 0;
    out[i] = ((x >>> shift) - bias) * scale;
    out[i + 1] = ((y >>> shift) - bias) * scale;
  }
  if (i < n) out[i] = u32ToValue(generateU32(key, start + i), format);
}
