import { InvalidParamsError } from '../errors';

export interface ThroughputInput {
  /** Multiply-add FLOPs of the verified work counted in the window (Σ workloadFlops). */
  readonly flops: number;
  /**
   * The validator-clocked window the work was delivered in: from the validator sending the
   * miner's first challenge to the window's fixed end, on the validator's monotonic clock.
   * Nothing the miner answers sets it.
   */
  readonly windowMs: number;
}

export interface Throughput {
  readonly gflops: number;
  readonly tflops: number;
  readonly windowMs: number;
}

/**
 * Throughput the validator credits: verified FLOPs delivered inside a fixed validator-clocked
 * window, divided by that window. The window's length is the validator's choice alone, so a
 * miner can only lower the figure (deliver less inside it), never raise it.
 */
export function windowThroughput({ flops, windowMs }: ThroughputInput): Throughput {
  if (!Number.isFinite(flops) || flops < 0) throw new InvalidParamsError('flops must be a non-negative finite number', { flops });
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new InvalidParamsError('windowMs must be a positive finite number', { windowMs });
  const gflops = flops / windowMs / 1e6;
  return { gflops, tflops: gflops / 1e3, windowMs };
}
