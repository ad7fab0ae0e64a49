/**
 * Subtensor's weight conventions, pure: the SDK's float → u16 conversion, a replay of the chain's
 * `set_weights` checks, and the commit-reveal v2 hash. No chain access.
 */
export {
  U16_MAX,
  pythonRound,
  type EmitWeights,
  type ConvertOptions,
  convertWeightsAndUidsForEmit,
  normalizeMaxWeight,
} from './convert';
export {
  type WeightsErrorName,
  type WeightsCheck,
  type CheckWeightsInput,
  isSelfWeight,
  chainMaxUpscaleU16,
  checkVecMaxLimited,
  checkWeights,
} from './check';
export {
  GLOBAL_MAX_SUBNET_COUNT,
  type CommitHashInput,
  mechanismStorageIndex,
  encodeU16,
  encodeU64,
  encodeCompact,
  encodeVecU16,
  accountIdBytes,
  commitPayloadV2,
  commitHashV2,
  randomSalt,
} from './commit-hash';
