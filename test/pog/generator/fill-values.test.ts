import { deriveStreamKey, fillValues, generateU32, u32ToValue } from '../../../src/pog/generator';
import { simdFill } from '../../../src/pog/generator/simd-fill';

const seed = new Uint8Array(32).map((_, i) => (i * 53 + 11) & 0xff);

/**
 * The unrolled fill is the spec function, element by element: every format, odd lengths, index
 * wrap-around at 2³², and runs long enough for the SIMD path's chunks (65 536 values) and tails.
 */
describe('fillValues', () => {
  const key = deriveStreamKey(seed, 0x105);
  for (const format of ['fp32', 'fp16'] as const) {
    for (const [start, length] of [[0, 4097], [12_345, 1], [2 ** 32 - 3, 8], [2 ** 32 - 70_000, 2 * 65_536 + 77], [5, 63], [3, 64]] as const) {
      test(`${format}, start ${start}, ${length} values, in Float32Array and Float64Array`, () => {
        const expected = Float64Array.from({ length }, (_, i) => u32ToValue(generateU32(key, start + i), format));
        for (const out of [new Float32Array(length), new Float64Array(length)]) {
          fillValues(key, start, out, format);
          const mismatch = out.findIndex((v, i) => v !== expected[i]);
          expect(mismatch).toBe(-1);
        }
      });
    }
  }
});

describe('the SIMD fill', () => {
  test('is available on this runtime, so the lengths above ran through it', () => {
    expect(simdFill()).not.toBeNull();
  });
});
