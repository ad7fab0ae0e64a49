export {
  GENERATOR_ROUNDS,
  ROUND_MULTIPLIERS,
  STREAM_KEY_WORDS,
  assertSeed,
  deriveStreamKey,
  streamKeyWords,
  type StreamKey,
} from './key-schedule';
export {
  generateU32,
  u32ToFp32Value,
  u32ToFp16Value,
  u32ToValue,
  fillValues,
  type ValueFormat,
} from './element';
export { STREAM, poolStream, layerSequence } from './streams';
