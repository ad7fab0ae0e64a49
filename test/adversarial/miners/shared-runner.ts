import type { RunWorkload } from '../../../src/miner';
import type { WorkloadParams, WorkloadResult, WorkloadRunner } from '../../../src/pog';

/**
 * How one runner behind several hotkeys picks the next challenge:
 * - `fifo`: in arrival order, whoever sent it;
 * - `sticky`: keeps serving the hotkey it is serving while that hotkey has work waiting (for at
 *   most `sliceMs`, then it moves on), so the others wait: the scheduling that earned 4.2× with
 *   four hotkeys when each loop's first challenge was untimed.
 */
export type SharingPolicy = { kind: 'fifo' } | { kind: 'sticky'; sliceMs: number };

interface Job {
  readonly hotkey: string;
  readonly seed: Uint8Array;
  readonly params: WorkloadParams;
  resolve(result: WorkloadResult): void;
  reject(error: unknown): void;
}

/** One physical runner shared by several hotkeys' miner nodes, scheduled by `policy`. */
export class SharedRunner {
  private readonly waiting: Job[] = [];
  private running = false;
  private current: string | null = null;
  private currentSince = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly runner: Pick<WorkloadRunner, 'runWorkload'>,
    private readonly policy: SharingPolicy,
  ) {}

  /** The RunWorkload one hotkey's miner node is given. */
  workload(hotkey: string): RunWorkload {
    return (seed, params) => new Promise<WorkloadResult>((resolve, reject) => {
      this.waiting.push({ hotkey, seed, params, resolve, reject });
      this.pump();
    });
  }

  get isIdle(): boolean {
    return !this.running && this.waiting.length === 0;
  }

  /** Resolves once nothing runs or waits (abandoned challenges still run to the end). */
  idle(): Promise<void> {
    if (!this.running && this.waiting.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pick(): Job {
    if (this.policy.kind === 'sticky' && this.current !== null && performance.now() - this.currentSince < this.policy.sliceMs) {
      const i = this.waiting.findIndex((j) => j.hotkey === this.current);
      if (i >= 0) return this.waiting.splice(i, 1)[0]!;
    }
    // FIFO, or the sticky hotkey has nothing waiting / its slice is over: the oldest job of another hotkey first.
    const i = this.policy.kind === 'sticky' ? Math.max(0, this.waiting.findIndex((j) => j.hotkey !== this.current)) : 0;
    const job = this.waiting.splice(i, 1)[0]!;
    if (job.hotkey !== this.current) {
      this.current = job.hotkey;
      this.currentSince = performance.now();
    }
    return job;
  }

  private pump(): void {
    if (this.running) return;
    if (this.waiting.length === 0) {
      for (const r of this.idleWaiters.splice(0)) r();
      return;
    }
    this.running = true;
    const job = this.pick();
    this.runner.runWorkload(job.seed, job.params).then(job.resolve, job.reject).finally(() => {
      this.running = false;
      this.pump();
    });
  }
}
