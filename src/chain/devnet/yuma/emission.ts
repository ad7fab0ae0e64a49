/**
 * Splitting a bigint amount by float shares, exactly. Each share is taken at its exact float64
 * value (w_j = share_j · 2^64) and uid j gets x_j = total · w_j / Σ w, rounded down, except that
 * an x_j within 1/1024 rao below an integer is taken as that integer: float64 noise (≈ 1e-16)
 * must not turn an exact 300 into 299.9999999 ⇒ 299. Should those snaps ever add up to more than
 * `total` (it takes over 1024 receiving uids), every x_j is rounded down instead. The parts
 * never sum to more than `total`; the shortfall is left to the caller.
 */
const SHARE_SCALE = 2 ** 64;
const SNAP = 1024n;

export function apportion(total: bigint, shares: readonly number[]): bigint[] {
  const weights = shares.map((s) => (s > 0 ? BigInt(Math.floor(Math.min(s, 1) * SHARE_SCALE)) : 0n));
  const weightSum = weights.reduce((a, w) => a + w, 0n);
  if (weightSum === 0n) return weights.map(() => 0n);
  const snapped = weights.map((w) => (total * w * SNAP + weightSum) / (weightSum * SNAP));
  if (snapped.reduce((a, x) => a + x, 0n) <= total) return snapped;
  return weights.map((w) => (total * w) / weightSum);
}

export interface EmissionInput {
  minerEmission: bigint;
  validatorEmission: bigint;
  incentive: readonly number[];
  dividends: readonly number[];
  stake: readonly number[];
  activeStake: readonly number[];
  ownerUid: number | null;
}

export interface EmissionResult {
  emission: bigint[];
  incentiveEmission: bigint[];
  dividendEmission: bigint[];
  withheldOwnerIncentive: bigint;
  undistributed: bigint;
}

/**
 * Pays this epoch's alpha:
 *  - miner alpha ∝ incentive; the part landing on the owner's uid is withheld (subtensor's
 *    `distribute_dividends_and_incentives` burns or recycles it);
 *  - validator alpha ∝ dividends;
 *  - when incentive and dividends are all zero (no usable weights; dividends are built on
 *    incentive, so they vanish with it), validators get both the miner and the validator alpha
 *    ∝ active stake, or ∝ stake if no stake is active (subtensor: `epoch_mechanism`'s emission
 *    fallback and `distribute_emission`'s "validators get 100%" branch).
 * Whatever is not paid or withheld (rounding dust; validator alpha when no validator earns
 * dividends; everything when nobody holds stake) is returned as `undistributed`.
 */
export function distributeEmission(input: EmissionInput): EmissionResult {
  const n = input.incentive.length;
  const total = input.minerEmission + input.validatorEmission;
  const nothingEarned = input.incentive.every((v) => v === 0) && input.dividends.every((v) => v === 0);

  let minerPart: bigint[];
  let validatorPart: bigint[];
  if (nothingEarned) {
    const byStake = input.activeStake.some((s) => s !== 0) ? input.activeStake : input.stake;
    minerPart = new Array<bigint>(n).fill(0n);
    validatorPart = apportion(total, byStake);
  } else {
    minerPart = apportion(input.minerEmission, input.incentive);
    validatorPart = apportion(input.validatorEmission, input.dividends);
  }

  let withheldOwnerIncentive = 0n;
  if (input.ownerUid !== null) {
    withheldOwnerIncentive = minerPart[input.ownerUid] ?? 0n;
    minerPart[input.ownerUid] = 0n;
  }
  const emission = minerPart.map((m, i) => m + (validatorPart[i] ?? 0n));
  const paid = emission.reduce((a, e) => a + e, 0n);
  return {
    emission,
    incentiveEmission: minerPart,
    dividendEmission: validatorPart,
    withheldOwnerIncentive,
    undistributed: total - paid - withheldOwnerIncentive,
  };
}
