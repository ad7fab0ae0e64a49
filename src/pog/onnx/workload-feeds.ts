import { deriveStreamKey, layerSequence, poolStream, STREAM, STREAM_KEY_WORDS, streamKeyWords } from '../generator';
import type { WorkloadParams } from '../workload/params';
import { hostTensor, type HostFeeds } from './host-tensor';
import { WORKLOAD_INPUTS } from './workload-model';

/** The workload model's feeds for `seed`: STREAM_KEY_WORDS key words per stream and the layer sequence. */
export function workloadFeeds(seed: Uint8Array, p: WorkloadParams): HostFeeds {
  const keyWords = (stream: number): Uint32Array => streamKeyWords(deriveStreamKey(seed, stream));
  const poolKeys = new Uint32Array(p.poolSize * STREAM_KEY_WORDS);
  for (let j = 0; j < p.poolSize; j++) poolKeys.set(keyWords(poolStream(j)), j * STREAM_KEY_WORDS);
  const sequence = BigInt64Array.from(layerSequence(seed, p.depth, p.poolSize), (a) => BigInt(a));
  return {
    [WORKLOAD_INPUTS.inputKey]: hostTensor('uint32', keyWords(STREAM.input), [STREAM_KEY_WORDS]),
    [WORKLOAD_INPUTS.poolKeys]: hostTensor('uint32', poolKeys, [p.poolSize, STREAM_KEY_WORDS]),
    [WORKLOAD_INPUTS.headKey]: hostTensor('uint32', keyWords(STREAM.head), [STREAM_KEY_WORDS]),
    [WORKLOAD_INPUTS.sequence]: hostTensor('int64', sequence, [p.depth]),
  };
}
