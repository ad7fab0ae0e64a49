import { valueFormatOf, workloadFlops, type Datapath, type WorkloadParams } from './params';

/**
 * What one run of a workload costs the miner, from its parameters alone, before anything is
 * allocated. The memory figures are upper estimates of onnxruntime's peak, calibrated on the
 * CPU execution provider (onnxruntime-node 1.30, sequential executor): while the generator
 * runs, about 13 B (fp32) and 16 B (fp16) per generated pool value are live (its uint32 words,
 * their temporaries and the values); while the chain runs, about 13 B per element of X (X_{t−1},
 * its square and its normalised copy in float32). 16 B per element is used for both.
 */
export const LIVE_BYTES_PER_ELEMENT = 16;

/** Bytes of one stored operand value on a datapath: fp16 values are float16, the others float32. */
export function valueBytes(datapath: Datapath): number {
  return valueFormatOf(datapath) === 'fp16' ? 2 : 4;
}

export interface WorkloadEstimate {
  /** Multiply-add FLOPs of the chain and the head (workloadFlops). */
  readonly chainFlops: number;
  /** Values the in-graph generator makes: the pool, X₀ and Q. */
  readonly generatedValues: number;
  /** Peak bytes on the device during the run (the pool, the larger of the generator's and the chain's live tensors, Q, Y). */
  readonly deviceBytes: number;
  /** Bytes the miner's host holds afterwards per committed challenge: Y as float32 and its Merkle tree. */
  readonly hostBytes: number;
}

/** The cost of one run of `p` (see WorkloadEstimate). */
export function estimateWorkload(p: WorkloadParams): WorkloadEstimate {
  const b = valueBytes(p.datapath);
  const poolValues = p.poolSize * p.width * p.width;
  const xValues = p.rows * p.width;
  const headValues = p.width * p.headWidth;
  const outputBytes = p.rows * p.headWidth * 4;
  const generating = LIVE_BYTES_PER_ELEMENT * poolValues;
  const chaining = LIVE_BYTES_PER_ELEMENT * xValues + poolValues * b;
  const leaves = p.rows / p.rowsPerLeaf;
  return {
    chainFlops: workloadFlops(p),
    generatedValues: poolValues + xValues + headValues,
    deviceBytes: Math.max(generating, chaining) + headValues * b + outputBytes,
    // Every tree level above the leaves: at most 2 × leaves hashes of 32 bytes.
    hostBytes: outputBytes + 2 * leaves * 32,
  };
}

/** A device's measured speed on the two kinds of work a run does. */
export interface DeviceThroughput {
  /** Chain FLOPs per second (MatMuls and their normalisations). */
  readonly flopsPerSecond: number;
  /** Generated values per second (the in-graph counter-based generator). */
  readonly valuesPerSecond: number;
}

/** Seconds one run of `estimate` should take at `throughput`: the chain plus the generation. */
export function estimatedSeconds(estimate: WorkloadEstimate, throughput: DeviceThroughput): number {
  return estimate.chainFlops / throughput.flopsPerSecond + estimate.generatedValues / throughput.valuesPerSecond;
}
