import { InvalidEconomyInputError } from '../errors';
import { DEFAULT_DECAY_SCHEDULE, DEFAULT_TIER_TABLE, type DecaySchedule, type GpuTier } from './tier-table';

/**
 * Dynamic emission scaling by GPU tier (seed 002): higher tiers earn more per verified unit,
 * and a tier's weight decays once its generation is old, phasing out outdated hardware.
 *
 *   factor(tier, t) = base(tier) · 2^(−max(0, t − launched(tier) − grace) / halfLife)
 *
 * Pure: the same tier, time and table always give the same factor. The validator multiplies a
 * miner's PoG score by it before the weights are normalised; a time every validator agrees on
 * (a block's timestamp, or an epoch number with the clock below) keeps their weights equal.
 */

/** When the factor is taken: a time, or an epoch on a clock (t = epochZeroMs + epoch · epochMs). */
export type TierTime = { readonly nowMs: number } | { readonly epoch: number; readonly epochZeroMs: number; readonly epochMs: number };

export interface TierScalingOptions {
  /** Default DEFAULT_TIER_TABLE. */
  readonly table?: readonly GpuTier[];
  /** Default DEFAULT_DECAY_SCHEDULE. */
  readonly schedule?: DecaySchedule;
}

/** A tier id that is not in the table. */
export class UnknownTierError extends InvalidEconomyInputError {}

export function tierTimeMs(at: TierTime): number {
  const t = 'nowMs' in at ? at.nowMs : at.epochZeroMs + at.epoch * at.epochMs;
  if (!Number.isFinite(t)) throw new InvalidEconomyInputError('the time for tier scaling must be a finite number of milliseconds', { at });
  return t;
}

function checkSchedule(s: DecaySchedule): void {
  if (!(Number.isFinite(s.graceMs) && s.graceMs >= 0)) throw new InvalidEconomyInputError('the decay grace period must be a non-negative number of milliseconds', { graceMs: s.graceMs });
  if (!(Number.isFinite(s.halfLifeMs) && s.halfLifeMs > 0)) throw new InvalidEconomyInputError('the decay half-life must be a positive number of milliseconds', { halfLifeMs: s.halfLifeMs });
}

/** The decay multiplier, in (0, 1], for a tier launched at `launchedMs` (null: never decays). */
export function tierDecay(launchedMs: number | null, nowMs: number, schedule: DecaySchedule = DEFAULT_DECAY_SCHEDULE): number {
  checkSchedule(schedule);
  if (launchedMs === null) return 1;
  const over = nowMs - launchedMs - schedule.graceMs;
  return over <= 0 ? 1 : 2 ** (-over / schedule.halfLifeMs);
}

export function findTier(tier: string, table: readonly GpuTier[] = DEFAULT_TIER_TABLE): GpuTier {
  const found = table.find((t) => t.id === tier);
  if (!found) throw new UnknownTierError(`unknown GPU tier "${tier}" (known: ${table.map((t) => t.id).join(', ')})`, { tier });
  return found;
}

function launchedMs(t: GpuTier): number | null {
  if (t.launched === null) return null;
  const ms = Date.parse(`${t.launched}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new InvalidEconomyInputError(`tier ${t.id} has launch date "${t.launched}", not YYYY-MM-DD`, { tier: t.id });
  return ms;
}

/** The emission factor of `tier` at `at`: its base weight times its decay. */
export function tierEmissionFactor(tier: string, at: TierTime, options: TierScalingOptions = {}): number {
  const t = findTier(tier, options.table);
  if (!(Number.isFinite(t.base) && t.base >= 0)) throw new InvalidEconomyInputError(`tier ${t.id} has base weight ${t.base}; it must be a non-negative number`, { tier: t.id });
  return t.base * tierDecay(launchedMs(t), tierTimeMs(at), options.schedule);
}

/** A score scaled by its tier's emission factor (before the validator normalises weights). */
export function tierScaledScore(score: number, tier: string, at: TierTime, options: TierScalingOptions = {}): number {
  if (!(Number.isFinite(score) && score >= 0)) throw new InvalidEconomyInputError(`a score must be a non-negative number, got ${score}`, { score });
  return score * tierEmissionFactor(tier, at, options);
}

/** Every tier's factor at `at`, highest first (for reports and the docs). */
export function tierFactorTable(at: TierTime, options: TierScalingOptions = {}): { readonly tier: string; readonly factor: number }[] {
  return (options.table ?? DEFAULT_TIER_TABLE)
    .map((t) => ({ tier: t.id, factor: tierEmissionFactor(t.id, at, options) }))
    .sort((a, b) => b.factor - a.factor);
}
