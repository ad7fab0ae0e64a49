import { quantile } from '../../bench/miner/slow-sockets';
import type { RunWorkload } from '../../src/miner';
import { preset } from '../../src/pog';
import { call, newChallenge, sleep, startNode, validatorA, validatorB } from './helpers';

/**
 * Issue 13's flood by a key holder: validator A (100× B's stake) keeps 12 valid challenges in
 * flight (retrying 20 ms after each refusal), while validator B pipelines two (12 in all), as the validator does. Before fair
 * sharing B got 27/27 `503 busy`. Now A is refused past its share, and B is served every time,
 * within a few runs' time, during the flood and after it. The workload is a timed stand-in:
 * the queue, not the device, is under test.
 */
jest.setTimeout(30_000);

const RUN_MS = 40;
const timedWorkload: RunWorkload = async (_seed, params) => {
  await sleep(RUN_MS);
  return { output: new Float32Array(params.rows * params.headWidth), timings: { generateAndComputeMs: RUN_MS, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: RUN_MS } };
};
/** Heap growth allowed over the flood (a few thousand refused requests, all garbage by the end). */
const HEAP_BOUND_BYTES = 64 * 2 ** 20;

it('a validator flooding valid challenges gets busy; another validator keeps being served', async () => {
  const t = await startNode({ runWorkload: timedWorkload });
  try {
    t.node.access.update({ block: 1, hotkeys: [validatorA().address, validatorB().address], stake: [100_000n, 1_000n], validatorPermit: [true, true] });
    const ci = preset('ci');
    const heapBefore = process.memoryUsage().heapUsed;
    let stop = false;
    const a = { served: 0, busy: 0, other: [] as string[] };
    const flooder = async () => {
      while (!stop) {
        try {
          await call(t, validatorA(), '/challenge', newChallenge(ci));
          a.served++;
        } catch (e) {
          if ((e as { reason?: string }).reason === 'busy') a.busy++;
          else a.other.push(String((e as Error).message));
          await sleep(20);
        }
      }
    };
    const b = { latencies: [] as number[], failures: [] as string[] };
    const pipeline = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        try {
          await call(t, validatorB(), '/challenge', newChallenge(ci));
          b.latencies.push(performance.now() - started);
        } catch (e) {
          b.failures.push(String((e as Error).message));
        }
      }
    };
    const flood = Array.from({ length: 12 }, flooder);
    await sleep(200);
    await Promise.all([pipeline(6), pipeline(6)]);
    stop = true;
    await Promise.all(flood);
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

    expect(b.failures).toEqual([]);
    // All of B's 12 are served, none refused, each after a few runs rather than the flood's length.
    expect(b.latencies.length).toBe(12);
    expect(quantile(b.latencies, 0.5)).toBeLessThan(2_000);
    expect(a.busy).toBeGreaterThan(10);
    expect(a.served).toBeGreaterThanOrEqual(4); // A is not starved either
    expect(a.other).toEqual([]);
    expect(heapGrowth).toBeLessThan(HEAP_BOUND_BYTES);

    const after = { latencies: [] as number[], failures: [] as string[] };
    Object.assign(b, after);
    await pipeline(3);
    expect(b.failures).toEqual([]);
    expect(b.latencies.length).toBe(3);
  } finally {
    await t.close();
  }
});
