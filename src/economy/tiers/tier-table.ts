/**
 * The GPU tiers the emission scaling knows, as data. The names, the base weights and launch
 * years are copied from the PoG catalogue (`src/pog/catalogue/tiers.ts` TIER_FACTORS and
 * `gpu-classes.ts` years): the economy imports nothing from `src/pog`, so the facts are
 * repeated here, and a caller with another table passes it in instead
 * (`test/economy/tiers` checks that the two agree).
 */
export interface GpuTier {
  /** The catalogue's class id, e.g. `H100-SXM`. */
  readonly id: string;
  /** Weight of the tier when current: newer, faster tiers weigh more. */
  readonly base: number;
  /** Start of the tier's generation (UTC, `YYYY-MM-DD`); null for a tier that never decays (CPU, unknown). */
  readonly launched: string | null;
}

/** Base weights = TIER_FACTORS; launch dates = 1 January of the catalogue's launch year. */
export const DEFAULT_TIER_TABLE: readonly GpuTier[] = [
  { id: 'B200', base: 1.25, launched: '2024-01-01' },
  { id: 'H200', base: 1.15, launched: '2024-01-01' },
  { id: 'H100-SXM', base: 1.1, launched: '2022-01-01' },
  { id: 'H100-PCIe', base: 1.0, launched: '2022-01-01' },
  { id: 'A100-80GB', base: 0.85, launched: '2020-01-01' },
  { id: 'A100-40GB', base: 0.85, launched: '2020-01-01' },
  { id: 'L40S', base: 0.8, launched: '2023-01-01' },
  { id: 'RTX-A6000', base: 0.7, launched: '2020-01-01' },
  { id: 'RTX-4090', base: 0.7, launched: '2022-01-01' },
  { id: 'RTX-3090', base: 0.55, launched: '2020-01-01' },
  { id: 'V100', base: 0.5, launched: '2017-01-01' },
  { id: 'CPU', base: 0.1, launched: null },
  { id: 'unknown', base: 0, launched: null },
];

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
