import { InvalidParamsError } from '../../../src/pog/errors';
import { monotonicNowMs, Stopwatch, windowThroughput } from '../../../src/pog/timing';
import { workloadFlops } from '../../../src/pog/workload';

describe('windowThroughput', () => {
  it('divides the verified FLOPs by the validator-clocked window, with nothing subtracted', () => {
    expect(windowThroughput({ flops: 2e12, windowMs: 1000 })).toEqual({ gflops: 2000, tflops: 2, windowMs: 1000 });
    expect(windowThroughput({ flops: 1e9, windowMs: 250 }).gflops).toBe(4);
    expect(windowThroughput({ flops: 0, windowMs: 250 }).gflops).toBe(0);
  });

  it('credits an H100-scale window from the workload FLOP count', () => {
    const params = { rows: 2 ** 20, width: 1024, headWidth: 32, depth: 256, poolSize: 16, datapath: 'fp16', rowsPerLeaf: 64, auditRows: 64 } as const;
    const flops = workloadFlops(params);
    expect(flops).toBe(2 * 2 ** 20 * (256 * 1024 * 1024 + 1024 * 32));
    const t = windowThroughput({ flops: 5 * flops, windowMs: 6000 });
    expect(t.gflops).toBe((5 * flops) / 6000 / 1e6);
    expect(t.tflops).toBeCloseTo(469.18222741504, 6);
  });

  it('refuses non-finite, negative or empty inputs', () => {
    expect(() => windowThroughput({ flops: -1, windowMs: 10 })).toThrow(InvalidParamsError);
    expect(() => windowThroughput({ flops: Number.NaN, windowMs: 10 })).toThrow(InvalidParamsError);
    expect(() => windowThroughput({ flops: 1e9, windowMs: 0 })).toThrow(InvalidParamsError);
    expect(() => windowThroughput({ flops: 1e9, windowMs: Infinity })).toThrow(InvalidParamsError);
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
