/**
 * Subtensor's rules, pure, in one place for the client and the dev chain: the SDK's float → u16
 * conversion, a replay of the chain's `set_weights` checks and max-upscale, the commit-reveal v2
 * hash, the tempo arithmetic (epoch index, next epoch block, reveal window) and the units
 * (RAO_PER_TAO, U16_MAX). No chain access.
 */
export { RAO_PER_TAO } from './units';
export { epochIndex, blocksUntilNextEpoch, epochBlocks, revealWindow, type RevealWindow } from './epoch';
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
