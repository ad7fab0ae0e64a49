// Builtins bound once: inside a vm context (jest) every global `Math.x` lookup goes through
// the global object's interceptor; bound, the test suite went from 227 s to 15 s.
const { abs, floor, log2, round, trunc, fround } = Math;
const isFinite = Number.isFinite;

/**
 * Round-to-nearest-even of x to a floating format with `significandBits` bits of significand
 * (implicit bit included) and no range limit. Generated workload values stay far inside the
 * normal range of every format emulated here, so exponent limits never matter.
 */
export function roundSignificand(x: number, significandBits: number): number {
  if (x === 0 || !isFinite(x)) return x;
  const exponent = floor(log2(abs(x)));
  const scale = 2 ** (significandBits - 1 - exponent);
  const scaled = x * scale;
  let rounded = round(scaled);
  // Math.round rounds halves up; make ties go to even.
  if (abs(scaled - trunc(scaled)) === 0.5 && rounded % 2 !== 0) rounded -= 1;
  return rounded / scale;
}

/** Number formats a miner might use, by significand bits. */
export const FORMAT_SIGNIFICAND_BITS = {
  fp64: 53,
  fp32: 24,
  tf32: 11,
  fp16: 11,
  bf16: 8,
  fp8e4m3: 4,
} as const;

export type EmulatedFormat = keyof typeof FORMAT_SIGNIFICAND_BITS;

export function rounderFor(format: EmulatedFormat): (x: number) => number {
  if (format === 'fp64') return (x) => x;
  if (format === 'fp32') return fround;
  const bits = FORMAT_SIGNIFICAND_BITS[format];
  return (x) => roundSignificand(x, bits);
}
