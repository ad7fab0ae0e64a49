import { float32ToFp16Bits, fp16BitsToNumber, fromFp16Array, toFp16Array } from '../../../src/pog/onnx';

describe('fp16 conversions', () => {
  test('every one of the 65536 halves round-trips (NaNs stay NaN)', () => {
    let mismatches = 0;
    for (let h = 0; h < 0x10000; h++) {
      const v = fp16BitsToNumber(h);
      const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNaN) {
        if (!Number.isNaN(v)) mismatches++;
        const back = float32ToFp16Bits(v);
        if ((back & 0x7c00) !== 0x7c00 || (back & 0x3ff) === 0) mismatches++;
      } else if (float32ToFp16Bits(v) !== h) {
        mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  test('decodes known bit patterns', () => {
    expect(fp16BitsToNumber(0x3c00)).toBe(1);
    expect(fp16BitsToNumber(0xc000)).toBe(-2);
    expect(fp16BitsToNumber(0x7bff)).toBe(65504);
    expect(fp16BitsToNumber(0x0001)).toBe(2 ** -24);
    expect(fp16BitsToNumber(0x0400)).toBe(2 ** -14);
    expect(fp16BitsToNumber(0x7c00)).toBe(Infinity);
    expect(fp16BitsToNumber(0xfc00)).toBe(-Infinity);
    expect(Object.is(fp16BitsToNumber(0x8000), -0)).toBe(true);
  });

  test('rounds to nearest, ties to even, in the normal range', () => {
    const ulp1 = 2 ** -10; // spacing just above 1
    expect(float32ToFp16Bits(1 + ulp1 / 2)).toBe(0x3c00); // tie → even (0x3c00)
    expect(float32ToFp16Bits(1 + (3 * ulp1) / 2)).toBe(0x3c02); // tie → even (0x3c02)
    expect(float32ToFp16Bits(1 + ulp1 / 2 + 2 ** -20)).toBe(0x3c01); // just above the tie
    expect(float32ToFp16Bits(1 + ulp1 / 2 - 2 ** -20)).toBe(0x3c00);
    expect(float32ToFp16Bits(-1 - ulp1)).toBe(0xbc01);
    // 2047.5 lies halfway between 2047 (0x67ff) and 2048 (0x6800): the carry reaches the exponent.
    expect(float32ToFp16Bits(2047.5)).toBe(0x6800);
  });

  test('overflows to infinity at 65520 and keeps 65519 finite', () => {
    expect(float32ToFp16Bits(65519)).toBe(0x7bff);
    expect(float32ToFp16Bits(65520)).toBe(0x7c00);
    expect(float32ToFp16Bits(-1e6)).toBe(0xfc00);
    expect(float32ToFp16Bits(Infinity)).toBe(0x7c00);
  });

  test('rounds into and out of the subnormal range', () => {
    const tiny = 2 ** -24;
    expect(float32ToFp16Bits(tiny)).toBe(0x0001);
    expect(float32ToFp16Bits(tiny / 2)).toBe(0x0000); // tie → even (zero)
    expect(float32ToFp16Bits(tiny / 2 + 2 ** -40)).toBe(0x0001);
    expect(float32ToFp16Bits((3 * tiny) / 2)).toBe(0x0002); // tie → even
    expect(float32ToFp16Bits(2 ** -14 - tiny / 2)).toBe(0x0400); // rounds up to the least normal
    expect(float32ToFp16Bits(2 ** -30)).toBe(0x0000);
    expect(float32ToFp16Bits(-(2 ** -30))).toBe(0x8000);
    expect(float32ToFp16Bits(1e-45)).toBe(0x0000); // a float32 subnormal
  });

  test('converts whole arrays', () => {
    const values = Float32Array.of(0.5, -0.25, 1024, 0.1);
    const bits = toFp16Array(values);
    expect(Array.from(bits)).toEqual([0x3800, 0xb400, 0x6400, 0x2e66]);
    expect(Array.from(fromFp16Array(bits))).toEqual([0.5, -0.25, 1024, Math.fround(0.0999755859375)]);
  });
});
