/**
 * Client-side replay of subtensor's `set_weights` validation, so a caller gets subtensor's error
 * name before submitting instead of a failed extrinsic.
 *
 * Source: opentensor/subtensor@pallets/subtensor/src/subnets/weights.rs, `internal_set_weights`
 * (snapshot 14bc6f9f, 2026-06-30), checks in the chain's order:
 *   1. netuid is not root (0)                         → CanNotSetRootNetworkWeights
 *   2. uids.len() == values.len()                     → WeightVecNotEqualSize
 *   3. (mechanism exists — not checked here)
 *   4. uids.len() <= SubnetworkN                      → UidsLengthExceedUidsInSubNet
 *   5. hotkey registered on the subnet                → HotKeyNotRegisteredInSubNet
 *   6. (stake >= StakeThreshold — not checked here)
 *   7. WeightsVersionKey == 0 || version_key >= it    → IncorrectWeightVersionKey   (`check_version_key`)
 *   9. only when commit-reveal is OFF: LastUpdate == 0 || now - LastUpdate >= WeightsSetRateLimit
 *                                                     → SettingWeightsTooFast       (`check_rate_limit`)
 *  10. self-weight, or uid is the subnet owner's uid, or validator permit
 *                                                     → NeuronNoValidatorPermit     (`check_validator_permit`)
 *  11. no duplicate uids                              → DuplicateUids
 *  12. every uid exists on the subnet                 → UidVecContainInvalidOne     (`contains_invalid_uids`:
 *      `Keys::contains_key(netuid, uid)`; uids are dense 0..SubnetworkN-1, so here: uid < subnetN)
 *  13. self-weight, or len >= min(MinAllowedWeights, SubnetworkN)
 *                                                     → WeightVecLengthIsLow        (`check_length`)
 *  14. values max-upscaled (`vec_u16_max_upscale_to_u16`, epoch/math.rs)
 *  15. self-weight, or MaxWeightsLimit == u16::MAX, or max(normalized upscaled) <= limit / 65535
 *                                                     → MaxWeightExceeded           (`max_weight_limited`,
 *      `check_vec_max_limited` in epoch/math.rs)
 * "Self-weight" (`is_self_weight`): exactly one weight and uids[0] == the caller's own uid.
 * Steps 14–15 use I32F32 fixed point on chain (32 fractional bits); they are reproduced here with
 * bigint, assuming fixed-point division truncates (only matters within 2^-32 of the limit).
 */

export type WeightsErrorName =
  | 'CanNotSetRootNetworkWeights'
  | 'WeightVecNotEqualSize'
  | 'UidsLengthExceedUidsInSubNet'
  | 'HotKeyNotRegisteredInSubNet'
  | 'IncorrectWeightVersionKey'
  | 'SettingWeightsTooFast'
  | 'NeuronNoValidatorPermit'
  | 'DuplicateUids'
  | 'UidVecContainInvalidOne'
  | 'WeightVecLengthIsLow'
  | 'MaxWeightExceeded';

export type WeightsCheck = { ok: true } | { ok: false; error: WeightsErrorName; message: string };

export interface CheckWeightsInput {
  netuid: number;
  uids: readonly number[];
  /** u16 values as they will be submitted */
  values: readonly number[];
  /** the signing hotkey's uid on the subnet; null when it is not registered */
  ownUid: number | null;
  /** `SubnetworkN[netuid]` */
  subnetN: number;
  /** `MinAllowedWeights[netuid]` */
  minAllowedWeights: number;
  /** `MaxWeightsLimit[netuid]` (u16); default 65535 = no limit */
  maxWeightLimit?: number;
  /** version key check, when both are given: `WeightsVersionKey[netuid]` and the key sent */
  version?: { weightsVersionKey: bigint | number; versionKey: bigint | number };
  /** rate-limit check, when given (skipped on chain while commit-reveal is enabled) */
  rateLimit?: {
    commitRevealEnabled: boolean;
    currentBlock: bigint | number;
    /** `LastUpdate[netuid_index][ownUid]`; 0 = never set */
    lastUpdate: bigint | number;
    /** `WeightsSetRateLimit[netuid]` */
    weightsSetRateLimit: bigint | number;
  };
  /** validator-permit check, when given: `ValidatorPermit[netuid][ownUid]` and the owner's uid (if any) */
  permit?: { validatorPermit: boolean; ownerUid?: number | null };
}

import { U16_MAX } from './units';

const U16_MAX_N = 65535n;
const FRAC = 32n;
const ONE = 1n << FRAC;

function assertU16(label: string, xs: readonly number[]): void {
  for (const x of xs) {
    if (!Number.isInteger(x) || x < 0 || x > U16_MAX) throw new RangeError(`${label} ${x} is not a u16`);
  }
}

/** `is_self_weight`: exactly one weight and it targets the caller's own uid. */
export function isSelfWeight(uid: number, uids: readonly number[], values: readonly number[]): boolean {
  return values.length === 1 && uids.length > 0 && uids[0] === uid;
}

/** I32F32 `.round()` (half away from zero) of non-negative bits, saturated to u16. */
function roundBitsToU16(bits: bigint): number {
  const r = (bits + (ONE >> 1n)) >> FRAC;
  return Number(r > U16_MAX_N ? U16_MAX_N : r);
}

/**
 * subtensor `vec_u16_max_upscale_to_u16` (epoch/math.rs `vec_max_upscale_to_u16` on I32F32):
 * max → 65535, others scaled and rounded. Above 32768 it multiplies by `65535 / max` (to avoid
 * I32F32 overflow), otherwise it divides `e * 65535` by `max`; the two round differently.
 */
export function chainMaxUpscaleU16(values: readonly number[]): number[] {
  assertU16('value', values);
  if (values.length === 0) return [];
  const max = BigInt(Math.max(...values));
  if (max === 0n) return values.map(() => 0);
  if (max > 32768n) {
    const qBits = (U16_MAX_N * ONE) / max; // bits of u16_max.safe_div(max)
    return values.map((e) => roundBitsToU16(BigInt(e) * qBits));
  }
  return values.map((e) => roundBitsToU16((BigInt(e) * U16_MAX_N * ONE) / max));
}

/** subtensor `check_vec_max_limited`: max of the sum-normalized vector <= maxLimit / 65535. */
export function checkVecMaxLimited(values: readonly number[], maxLimit: number): boolean {
  assertU16('value', values);
  if (values.length === 0) return true;
  const limitBits = (BigInt(maxLimit) * ONE) / U16_MAX_N;
  const sum = values.reduce((a, b) => a + BigInt(b), 0n);
  const max = BigInt(Math.max(...values));
  const maxBits = sum === 0n ? max * ONE : (max * ONE) / sum;
  return maxBits <= limitBits;
}

/** What `set_weights` (or the weights part of `reveal_weights`) would fail with, if anything. */
export function checkWeights(input: CheckWeightsInput): WeightsCheck {
  const { netuid, uids, values, ownUid, subnetN, minAllowedWeights } = input;
  const maxWeightLimit = input.maxWeightLimit ?? U16_MAX;
  assertU16('uid', uids);
  assertU16('value', values);
  const fail = (error: WeightsErrorName, message: string): WeightsCheck => ({ ok: false, error, message });

  if (netuid === 0) return fail('CanNotSetRootNetworkWeights', 'weights cannot be set on the root network (netuid 0)');
  if (uids.length !== values.length) {
    return fail('WeightVecNotEqualSize', `${uids.length} uids but ${values.length} values`);
  }
  if (uids.length > subnetN) {
    return fail('UidsLengthExceedUidsInSubNet', `${uids.length} uids but the subnet has ${subnetN} neurons`);
  }
  if (ownUid === null) return fail('HotKeyNotRegisteredInSubNet', `hotkey is not registered on subnet ${netuid}`);
  if (input.version) {
    const network = BigInt(input.version.weightsVersionKey);
    const sent = BigInt(input.version.versionKey);
    if (!(network === 0n || sent >= network)) {
      return fail('IncorrectWeightVersionKey', `version key ${sent} is below the subnet's ${network}`);
    }
  }
  if (input.rateLimit && !input.rateLimit.commitRevealEnabled) {
    const last = BigInt(input.rateLimit.lastUpdate);
    const now = BigInt(input.rateLimit.currentBlock);
    const limit = BigInt(input.rateLimit.weightsSetRateLimit);
    const since = now > last ? now - last : 0n;
    if (last !== 0n && since < limit) {
      return fail('SettingWeightsTooFast', `last set ${since} blocks ago; the rate limit is ${limit} blocks`);
    }
  }
  const selfWeight = isSelfWeight(ownUid, uids, values);
  if (input.permit && !selfWeight) {
    const isOwner = input.permit.ownerUid !== undefined && input.permit.ownerUid === ownUid;
    if (!isOwner && !input.permit.validatorPermit) {
      return fail('NeuronNoValidatorPermit', `uid ${ownUid} has no validator permit`);
    }
  }
  const seen = new Set<number>();
  for (const uid of uids) {
    if (seen.has(uid)) return fail('DuplicateUids', `uid ${uid} appears more than once`);
    seen.add(uid);
  }
  const invalid = uids.find((uid) => uid >= subnetN);
  if (invalid !== undefined) {
    return fail('UidVecContainInvalidOne', `uid ${invalid} does not exist (subnet has ${subnetN} neurons)`);
  }
  const minAllowed = Math.min(subnetN, minAllowedWeights);
  if (!selfWeight && values.length < minAllowed) {
    return fail('WeightVecLengthIsLow', `${values.length} weights; at least ${minAllowed} are required`);
  }
  if (!selfWeight && maxWeightLimit !== U16_MAX) {
    const upscaled = chainMaxUpscaleU16(values);
    if (!checkVecMaxLimited(upscaled, maxWeightLimit)) {
      return fail(
        'MaxWeightExceeded',
        `largest weight share exceeds the subnet's max weight limit ${maxWeightLimit}/65535`,
      );
    }
  }
  return { ok: true };
}
