/** Dynamic emission scaling by GPU tier: a tier table and a half-life decay, as pure functions. */
export { DEFAULT_TIER_TABLE, DEFAULT_DECAY_SCHEDULE, YEAR_MS, type GpuTier, type DecaySchedule } from './tier-table';
export { tierEmissionFactor, tierScaledScore, tierDecay, tierFactorTable, tierTimeMs, findTier, UnknownTierError, type TierTime, type TierScalingOptions } from './tier-emission';
