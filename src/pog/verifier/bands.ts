import type { Datapath } from '../workload';

/**
 * Limits on residuals, relative to the challenge's own honest noise level σ: the median over
 * audited rows of ‖y_honest − y_ref‖/‖y_ref‖, where y_honest replays the declared datapath's
 * roundings in float64 (src/pog/reference/honest-rounding.ts). The chain amplifies rounding
 * noise differently for every seed, so absolute limits cannot be both safe and tight; ratios
 * to σ are (docs/pog.md, "Tolerance bands", and bench/calibrate-bands.ts).
 */
export interface ToleranceBand {
  /** median(ρ) / median(σ) must not exceed this: the precision fingerprint. */
  readonly medianRatio: number;
  /** No audited row may have ρ / median(σ) beyond this: integrity (garbage, skipped, replayed rows). */
  readonly maxRatio: number;
}

/**
 * Calibrated on emulated datapaths (same seeds for every datapath; docs/pog.md has the table):
 * - fp16, tf32: honest ρ/σ 0.95–1.11 with the verifier's 64 rows (6 seeds, width 512, depth
 *   64); fp16 accumulation 1.5–2.0 at width 128, 2.6–4.0 at 512 and 5.0–6.9 at 2048; bf16
 *   8–11; fp8 over 60. Honest rows stay within 3σ. The median limit leaves honest miners room:
 *   a false failure zeroes a score.
 * - fp32: σ replays only fp32 storage rounding, while fp32 accumulation error grows with width
 *   (honest ρ/σ about 4 at width 128 with sequential sums); any 11-bit datapath sits thousands
 *   of σ away, so the limits are loose.
 */
export const TOLERANCE_BANDS: Readonly<Record<Datapath, ToleranceBand>> = {
  fp16: { medianRatio: 1.5, maxRatio: 8 },
  tf32: { medianRatio: 1.5, maxRatio: 8 },
  fp32: { medianRatio: 50, maxRatio: 200 },
};

export function toleranceBand(datapath: Datapath): ToleranceBand {
  return TOLERANCE_BANDS[datapath];
}
