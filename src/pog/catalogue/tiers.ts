import type { GpuClassId } from './gpu-classes';

/** A class, or 'unknown' when a measurement fits none. */
export type ClassOrUnknown = GpuClassId | 'unknown';

/**
 * Weight of each class in the score: newer tiers weigh more. The economy applies time decay
 * on top of this table; 'unknown' earns nothing.
 */
export const TIER_FACTORS: Readonly<Record<ClassOrUnknown, number>> = {
  B200: 1.25,
  H200: 1.15,
  'H100-SXM': 1.1,
  'H100-PCIe': 1.0,
  'A100-80GB': 0.85,
  'A100-40GB': 0.85,
  L40S: 0.8,
  'RTX-A6000': 0.7,
  'RTX-4090': 0.7,
  'RTX-3090': 0.55,
  V100: 0.5,
  CPU: 0.1,
  unknown: 0,
};

export function tierFactor(id: ClassOrUnknown): number {
  return TIER_FACTORS[id];
}
