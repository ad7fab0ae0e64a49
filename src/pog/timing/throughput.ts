import { InvalidParamsError } from '../errors';

/**
 * Smallest compute time credited, in ms. RTT jitter can make elapsed − RTT zero or negative
 * for a fast reply; without a floor that divides by ≤ 0. Raising the time to the floor can
 * only lower the throughput, so a miner gains nothing from it.
 */
export const MIN_COMPUTE_MS = 1;

export interface ThroughputInput {
  /** Multiply-add FLOPs of the workload (workloadFlops). */
  readonly flops: number;
  /** Validator-measured time from sending the challenge to receiving the commitment. */
  readonly elapsedMs: number;
  /** Validator-measured round trip of an empty ping just before the challenge. */
  readonly rttMs: number;
}

export interface Throughput {
  readonly gflops: number;
  readonly tflops: number;
  /** max(elapsed − RTT, MIN_COMPUTE_MS): the time the throughput is computed over. */
  readonly computeMs: number;
  /** True when the floor, not elapsed − RTT, set computeMs. */
  readonly clamped: boolean;
}

/**
 * Throughput the validator credits: flops / (elapsed − RTT). Both times are the validator's
 * own, so a miner can only make the result smaller (by being slow), never larger.
 */
export function measuredThroughput({ flops, elapsedMs, rttMs }: ThroughputInput): Throughput {
  if (!Number.isFinite(flops) || flops <= 0) throw new InvalidParamsError('flops must be a positive finite number', { flops });
  if (!Number.isFinite(elapsedMs) || elapsedMs < 0) {
    throw new InvalidParamsError('elapsedMs must be finite and non-negative', { elapsedMs });
  }
  if (!Number.isFinite(rttMs) || rttMs < 0) throw new InvalidParamsError('rttMs must be finite and non-negative', { rttMs });
  const raw = elapsedMs - rttMs;
  const clamped = raw < MIN_COMPUTE_MS;
  const computeMs = clamped ? MIN_COMPUTE_MS : raw;
  const gflops = flops / computeMs / 1e6;
  return { gflops, tflops: gflops / 1e3, computeMs, clamped };
}
