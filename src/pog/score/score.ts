import { InvalidParamsError } from '../errors';

export interface ScoreInput {
  /** Throughput that passed verification (0 when verification failed). */
  readonly verifiedTflops: number;
  /** The identified class's tier factor (catalogue tierFactor). */
  readonly tierFactor: number;
  /** EMA of passed challenges, in [0, 1]. */
  readonly reliability: number;
}

function assertNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidParamsError(`${name} must be a finite non-negative number`, { [name]: value });
  }
}

function assertUnit(name: string, value: number): void {
  assertNonNegative(name, value);
  if (value > 1) throw new InvalidParamsError(`${name} must be at most 1`, { [name]: value });
}

/** verifiedTflops × tierFactor × reliability. */
export function pogScore({ verifiedTflops, tierFactor, reliability }: ScoreInput): number {
  assertNonNegative('verifiedTflops', verifiedTflops);
  assertNonNegative('tierFactor', tierFactor);
  assertUnit('reliability', reliability);
  return verifiedTflops * tierFactor * reliability;
}

/** Default EMA weight of the newest challenge in reliability. */
export const DEFAULT_RELIABILITY_ALPHA = 0.1;

/**
 * Reliability after one more challenge: an EMA toward 1 on a pass; a failure resets it to 0,
 * so one caught fake costs the miner the whole ramp back up (≈ 22 passes to reach 0.9 at α = 0.1).
 */
export function updateReliability(previous: number, passed: boolean, alpha: number = DEFAULT_RELIABILITY_ALPHA): number {
  assertUnit('previous', previous);
  if (!Number.isFinite(alpha) || alpha <= 0 || alpha > 1) throw new InvalidParamsError('alpha must be in (0, 1]', { alpha });
  if (!passed) return 0;
  return previous + alpha * (1 - previous);
}

/** Scores scaled to weights that sum to 1; all-zero scores give all-zero weights. */
export function normaliseScores(scores: readonly number[]): number[] {
  scores.forEach((s, i) => assertNonNegative(`scores[${i}]`, s));
  const total = scores.reduce((a, b) => a + b, 0);
  if (total === 0) return scores.map(() => 0);
  if (!Number.isFinite(total)) throw new InvalidParamsError('the scores sum to more than a double can hold', { total });
  return scores.map((s) => s / total);
}
