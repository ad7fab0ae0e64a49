import { InvalidParamsError } from '../../../src/pog/errors';
import { measuredThroughput, MIN_COMPUTE_MS, monotonicNowMs, Stopwatch } from '../../../src/pog/timing';
import { workloadFlops } from '../../../src/pog/workload';

describe('measuredThroughput', () => {
  it('divides the FLOPs by elapsed − RTT', () => {
    expect(measuredThroughput({ flops: 2e12, elapsedMs: 1030, rttMs: 30 })).toEqual({
      gflops: 2000,
      tflops: 2,
      computeMs: 1000,
      clamped: false,
    });
    expect(measuredThroughput({ flops: 1e9, elapsedMs: 250, rttMs: 0 }).gflops).toBe(4);
  });

  it('credits an H100-scale workload from its own FLOP count', () => {
    const params = { rows: 2 ** 20, width: 1024, headWidth: 32, depth: 256, poolSize: 16, datapath: 'fp16', rowsPerLeaf: 64, auditRows: 64 } as const;
    const flops = workloadFlops(params);
    expect(flops).toBe(2 * 2 ** 20 * (256 * 1024 * 1024 + 1024 * 32));
    const t = measuredThroughput({ flops, elapsedMs: 1200, rttMs: 75 });
    expect(t.computeMs).toBe(1125);
    expect(t.gflops).toBe(flops / 1125 / 1e6);
    expect(t.tflops).toBeCloseTo(500.4610425760427, 9);
  });

  it('floors the compute time at MIN_COMPUTE_MS, which only lowers throughput', () => {
    expect(MIN_COMPUTE_MS).toBe(1);
    expect(measuredThroughput({ flops: 1e9, elapsedMs: 10, rttMs: 9.5 })).toEqual({ gflops: 1000, tflops: 1, computeMs: 1, clamped: true });
    expect(measuredThroughput({ flops: 1e9, elapsedMs: 5, rttMs: 8 })).toEqual({ gflops: 1000, tflops: 1, computeMs: 1, clamped: true });
    expect(measuredThroughput({ flops: 1e9, elapsedMs: 0, rttMs: 0 }).gflops).toBe(1000);
    for (const [elapsedMs, rttMs] of [[10, 9.5], [1.5, 0.75], [100, 3]] as const) {
      const t = measuredThroughput({ flops: 1e9, elapsedMs, rttMs });
      expect(t.gflops).toBeLessThanOrEqual(1e9 / (elapsedMs - rttMs) / 1e6);
    }
  });

  it('refuses non-finite or negative inputs', () => {
    expect(() => measuredThroughput({ flops: 0, elapsedMs: 10, rttMs: 1 })).toThrow(InvalidParamsError);
    expect(() => measuredThroughput({ flops: Number.NaN, elapsedMs: 10, rttMs: 1 })).toThrow(InvalidParamsError);
    expect(() => measuredThroughput({ flops: 1e9, elapsedMs: -1, rttMs: 0 })).toThrow(InvalidParamsError);
    expect(() => measuredThroughput({ flops: 1e9, elapsedMs: Infinity, rttMs: 0 })).toThrow(InvalidParamsError);
    // A negative RTT would inflate the compute time in the miner's disfavour, but it signals a bug.
    expect(() => measuredThroughput({ flops: 1e9, elapsedMs: 10, rttMs: -1 })).toThrow(InvalidParamsError);
  });
});

describe('Stopwatch', () => {
  it('reports exact elapsed time from its clock', () => {
    const ticks = [1_000_000n, 3_500_000n, 4_000_000n, 10_250_000n, 10_250_000n];
    const clock = () => ticks.shift()!;
    const watch = Stopwatch.start(clock);
    expect(watch.elapsedMs()).toBe(2.5);
    expect(watch.restart()).toBe(3);
    expect(watch.elapsedNs()).toBe(6_250_000n);
    expect(watch.elapsedMs()).toBe(6.25);
  });

  it('runs forward on the real monotonic clock', async () => {
    const watch = new Stopwatch();
    const before = monotonicNowMs();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watch.elapsedMs()).toBeGreaterThanOrEqual(19);
    expect(monotonicNowMs() - before).toBeGreaterThanOrEqual(19);
    expect(monotonicNowMs(() => 2_500_000n)).toBe(2.5);
  });
});
