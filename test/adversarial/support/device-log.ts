import { performance } from 'node:perf_hooks';
import type { WorkloadParams, WorkloadResult, WorkloadRunner } from '../../../src/pog';

/**
 * The suite's ground truth about its one device: when each run on the real runner started and
 * ended. Outside the protocol (no miner or validator reads it), it says how fast the device
 * ran in a window, so a round's credit can be compared with what the device could do at its
 * speed in that very round: on a loaded machine the runner's speed changes several-fold
 * between rounds seconds apart, which no number of alternations averages out.
 */
export class DeviceLog {
  private runs: { startMs: number; endMs: number; computeMs: number }[] = [];

  constructor(private readonly runner: Pick<WorkloadRunner, 'runWorkload'>) {}

  /** The runner, recorded. */
  readonly device: Pick<WorkloadRunner, 'runWorkload'> = {
    runWorkload: async (seed: Uint8Array, params: WorkloadParams): Promise<WorkloadResult> => {
      const startMs = performance.now();
      const result = await this.runner.runWorkload(seed, params);
      this.runs.push({ startMs, endMs: performance.now(), computeMs: result.timings.generateAndComputeMs });
      return result;
    },
  };

  clear(): void {
    this.runs = [];
  }

  /**
   * Challenges' worth of work the device could have done in [fromMs, toMs] at the speed it ran
   * at there: the window over the mean compute time of the runs that overlap it (0 when none
   * did), as the runner's worker timed it (the wall time seen here also holds the main thread's
   * delays in taking the result). Idle time counts against whoever left the device idle.
   */
  capacityInside(fromMs: number, toMs: number): number {
    const overlapping = this.runs.filter(({ startMs, endMs }) => endMs > fromMs && startMs < toMs);
    if (overlapping.length === 0) return 0;
    const meanMs = overlapping.reduce((s, r) => s + r.computeMs, 0) / overlapping.length;
    return meanMs > 0 ? (toMs - fromMs) / meanMs : 0;
  }

  /** The share of [fromMs, toMs] the device was running (wall time seen here). */
  busyInside(fromMs: number, toMs: number): number {
    const busy = this.runs.reduce((sum, { startMs, endMs }) => sum + Math.max(0, Math.min(endMs, toMs) - Math.max(startMs, fromMs)), 0);
    return toMs > fromMs ? busy / (toMs - fromMs) : 0;
  }

  /** The median compute time of the runs recorded since the last clear() (null when none). */
  medianComputeMs(): number | null {
    if (this.runs.length === 0) return null;
    const times = this.runs.map((r) => r.computeMs).sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  }
}
