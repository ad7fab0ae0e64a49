import { chainMaxUpscaleU16, checkVecMaxLimited, isSelfWeight } from '../../../weights/check';
import { U16_MAX } from '../../../weights/units';
import type { RuntimeContext } from '../../runtime/call-context';
import { networkExists, num, setUidVectorEntry, subnetworkN, uidOf, uidVector } from './subnet-state';
import {
  commitRevealEnabled,
  hasWeightsMinStake,
  ownerUid,
  rateLimitPasses,
  uidExists,
  validatorPermitOf,
  versionKeyPasses,
} from './weights-rules';

const P = 'SubtensorModule';

export interface WeightsRequest {
  readonly hotkey: string;
  readonly netuid: number;
  readonly uids: readonly number[];
  readonly values: readonly number[];
  readonly versionKey: bigint;
}

/**
 * Subtensor's `internal_set_weights` after the origin check (shared by `set_weights` and
 * `reveal_weights`): every check in the chain's order with its error, then the row is stored
 * max-upscaled to u16. While commit-reveal is on (a reveal), the rate limit is not checked and
 * LastUpdate is left alone: the commit already set it.
 */
export function applyWeights(ctx: RuntimeContext, req: WeightsRequest): void {
  const s = ctx.storage;
  const { hotkey, netuid, uids, values } = req;
  const fail = (name: string) => ctx.error(P, name);

  if (netuid === 0) throw fail('CanNotSetRootNetworkWeights');
  if (uids.length !== values.length) throw fail('WeightVecNotEqualSize');
  // `ensure_mechanism_exists`: the main mechanism exists exactly when the subnet does.
  if (!networkExists(s, netuid)) throw fail('MechanismDoesNotExist');
  const n = subnetworkN(s, netuid);
  if (uids.length > n) throw fail('UidsLengthExceedUidsInSubNet');
  const uid = uidOf(s, netuid, hotkey);
  if (uid === null) throw fail('HotKeyNotRegisteredInSubNet');
  if (!hasWeightsMinStake(s, netuid, hotkey, uid)) throw fail('NotEnoughStakeToSetWeights');
  if (!versionKeyPasses(s, netuid, req.versionKey)) throw fail('IncorrectWeightVersionKey');
  const cr = commitRevealEnabled(s, netuid);
  if (!cr && !rateLimitPasses(s, netuid, uid, ctx.blockNumber)) throw fail('SettingWeightsTooFast');

  const selfWeight = isSelfWeight(uid, uids, values);
  if (!selfWeight && ownerUid(s, netuid) !== uid && !validatorPermitOf(s, netuid, uid)) throw fail('NeuronNoValidatorPermit');
  if (new Set(uids).size !== uids.length) throw fail('DuplicateUids');
  if (uids.some((u) => !uidExists(s, netuid, u))) throw fail('UidVecContainInvalidOne');
  const minAllowed = Math.min(n, num(s.get(P, 'MinAllowedWeights', [netuid])));
  if (!selfWeight && values.length < minAllowed) throw fail('WeightVecLengthIsLow');

  const upscaled = chainMaxUpscaleU16(values);
  const maxLimit = num(s.get(P, 'MaxWeightsLimit', [netuid]));
  if (!selfWeight && maxLimit !== U16_MAX && !checkVecMaxLimited(upscaled, maxLimit)) throw fail('MaxWeightExceeded');

  s.set(P, 'Weights', [netuid, uid], uids.map((u, i) => [u, upscaled[i]!]));
  if (!cr) setUidVectorEntry(s, 'LastUpdate', netuid, uid, ctx.blockNumber, uidVector(s, 'LastUpdate', netuid), 0);
  ctx.emit(P, 'WeightsSet', [netuid, uid]);
}
