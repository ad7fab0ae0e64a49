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
  private runs: { startMs: number; endMs: number }[] = [];

  constructor(private readonly runner: Pick<WorkloadRunner, 'runWorkload'>) {}

  /** The runner, recorded. */
  readonly device: Pick<WorkloadRunner, 'runWorkload'> = {
    runWorkload: async (seed: Uint8Array, params: WorkloadParams): Promise<WorkloadResult> => {
      const startMs = performance.now();
      const result = await this.runner.runWorkload(seed, params);
      this.runs.push({ startMs, endMs: performance.now() });
      return result;
    },
  };

  clear(): void {
    this.runs = [];
  }

  /**
   * Challenges' worth of work the device could have done in [fromMs, toMs] at the speed it ran
   * at there: the window over the mean duration of the runs that overlap it (0 when none did).
   * Idle time counts against whoever left the device idle.
   */
  capacityInside(fromMs: number, toMs: number): number {
    const overlapping = this.runs.filter(({ startMs, endMs }) => endMs > fromMs && startMs < toMs);
    if (overlapping.length === 0) return 0;
    const meanMs = overlapping.reduce((s, r) => s + (r.endMs - r.startMs), 0) / overlapping.length;
    return meanMs > 0 ? (toMs - fromMs) / meanMs : 0;
  }
}
