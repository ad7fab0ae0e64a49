import { gpuClass, TIER_FACTORS, type ClassOrUnknown } from '../../pog';

/**
 * The GPU tiers the emission scaling knows, as data, read from the PoG catalogue (the one tier
 * table: `src/pog/catalogue/tiers.ts` TIER_FACTORS for the base weights, `gpu-classes.ts` for
 * the launch years). The economy sits above the PoG core (economy → pog, never back); a caller
 * with another table passes it in instead.
 */
export interface GpuTier {
  /** The catalogue's class id, e.g. `H100-SXM`. */
  readonly id: string;
  /** Weight of the tier when current: newer, faster tiers weigh more. */
  readonly base: number;
  /** Start of the tier's generation (UTC, `YYYY-MM-DD`); null for a tier that never decays (CPU, unknown). */
  readonly launched: string | null;
}

function launchOf(id: ClassOrUnknown): string | null {
  const year = id === 'unknown' ? undefined : gpuClass(id).year;
  return year === undefined ? null : `${year}-01-01`;
}

/** Base weights = TIER_FACTORS; launch dates = 1 January of the catalogue's launch year. */
export const DEFAULT_TIER_TABLE: readonly GpuTier[] = (Object.keys(TIER_FACTORS) as ClassOrUnknown[]).map((id) => ({
  id,
  base: TIER_FACTORS[id],
  launched: launchOf(id),
}));

/** A Julian year, 365.25 days, in milliseconds. */
export const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/**
 * How an older tier's weight falls: nothing for `graceMs` after its launch (a current
 * generation earns its full base), then halving every `halfLifeMs`.
 */
export interface DecaySchedule {
  readonly graceMs: number;
  readonly halfLifeMs: number;
}

/** Full weight for 3 years after launch, then a half-life of 2 years. */
export const DEFAULT_DECAY_SCHEDULE: DecaySchedule = { graceMs: 3 * YEAR_MS, halfLifeMs: 2 * YEAR_MS };
