import type { ReferencePair } from './reference-pair';
import { median, rowResiduals } from './residual';

/** Observed rows measured against the two float64 references, in units of the honest noise σ. */
export interface ReferenceComparison {
  /** ρ of each row against the exact chain. */
  readonly residuals: readonly number[];
  /** σ: median ρ of the honest-rounded replay, floored so an exact reference never divides by 0. */
  readonly noiseLevel: number;
  readonly medianResidual: number;
  /** median(ρ) / σ: the precision fingerprint. */
  readonly medianRatio: number;
  /** Index of the row with the largest ρ, and that ρ / σ: the integrity check. */
  readonly worstRow: number;
  readonly worstRatio: number;
  /** Index of the first row holding NaN or Inf, or −1. */
  readonly nonFiniteRow: number;
}

/** The smallest relative step of float64 work: σ never falls below it. */
const NOISE_FLOOR = 1e-15;

export function compareWithReference(observed: ArrayLike<number>, reference: ReferencePair, headWidth: number): ReferenceComparison {
  const residuals = Array.from(rowResiduals(observed, reference.exact, headWidth));
  const noiseLevel = Math.max(median(rowResiduals(reference.honest, reference.exact, headWidth)), NOISE_FLOOR);
  const worstRow = residuals.reduce((w, rho, i) => (rho > residuals[w]! ? i : w), 0);
  const medianResidual = median(residuals);
  return {
    residuals,
    noiseLevel,
    medianResidual,
    medianRatio: medianResidual / noiseLevel,
    worstRow,
    worstRatio: residuals[worstRow]! / noiseLevel,
    nonFiniteRow: residuals.findIndex((rho) => !Number.isFinite(rho)),
  };
}
