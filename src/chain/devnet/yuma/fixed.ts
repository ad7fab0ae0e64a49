/**
 * u16 proportions as subtensor stores them: u16::MAX (65535) stands for 1.0.
 *
 * Precision: subtensor computes the epoch in I32F32 fixed point (32 fractional bits), truncating
 * after each multiply and divide, and stores `floor(x · 65535)`. This module computes in float64
 * instead and adds 1e-9 before flooring, so that a value that is exactly an integer in u16 units
 * (1/3 · 65535 = 21845) lands on it despite float64 rounding noise. I32F32 truncation usually
 * leaves such a value a few 2^-32 short and the chain then stores one unit less (21844). So any
 * u16 output may differ from subtensor's by one unit, and rao amounts by a few rao; never more.
 */
import { U16_MAX } from '../../weights/units';

export { U16_MAX };

const FLOAT_NOISE = 1e-9;

/** A stored u16 proportion as a float in [0, 1]. */
export function u16ToProportion(value: number): number {
  return value / U16_MAX;
}

/** subtensor's `fixed_proportion_to_u16`: floor(x · 65535), saturating to 0..65535. */
export function proportionToU16(x: number): number {
  if (!(x > 0)) return 0;
  const scaled = Math.floor(x * U16_MAX + FLOAT_NOISE);
  return scaled >= U16_MAX ? U16_MAX : scaled;
}
