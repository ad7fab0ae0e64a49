/** A monotonic nanosecond clock; process.hrtime.bigint in production. */
export type MonotonicClock = () => bigint;

export const hrtimeClock: MonotonicClock = () => process.hrtime.bigint();

/** Milliseconds on the monotonic clock (immune to wall-clock steps; only differences mean anything). */
export function monotonicNowMs(clock: MonotonicClock = hrtimeClock): number {
  return Number(clock()) / 1e6;
}

/** Measures elapsed time on a monotonic clock, so NTP or manual clock changes cannot skew a timing. */
export class Stopwatch {
  private startNs: bigint;

  constructor(private readonly clock: MonotonicClock = hrtimeClock) {
    this.startNs = clock();
  }

  static start(clock: MonotonicClock = hrtimeClock): Stopwatch {
    return new Stopwatch(clock);
  }

  elapsedNs(): bigint {
    return this.clock() - this.startNs;
  }

  elapsedMs(): number {
    return Number(this.elapsedNs()) / 1e6;
  }

  /** Restarts the watch and returns the time elapsed before the restart, in ms. */
  restart(): number {
    const now = this.clock();
    const elapsed = Number(now - this.startNs) / 1e6;
    this.startNs = now;
    return elapsed;
  }
}
