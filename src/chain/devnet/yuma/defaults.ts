/**
 * Subtensor's runtime defaults for a new subnet (runtime/src/lib.rs `SubtensorInitial*`,
 * pallets/subtensor/src/lib.rs `DefaultStakeThreshold`); `subnets/subnet.rs` turns Yuma3 on
 * for every subnet it registers. Offered for the chain's genesis; runEpoch does not fill them in.
 */
export const SUBTENSOR_EPOCH_DEFAULTS = Object.freeze({
  kappa: 32_767, // u16, ≈ 0.5
  bondsMovingAverage: 900_000, // ppm, EMA alpha = 1 − 0.9 = 0.1
  bondsPenalty: 65_535, // u16, 1.0: bonds are built from clipped weights
  maxAllowedValidators: 128,
  activityCutoffBlocks: 5_000,
  stakeThreshold: 0n,
  yuma3: true,
});
