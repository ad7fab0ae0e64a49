import { cpus } from 'node:os';
import type { KeyringPair } from '@polkadot/keyring/types';
import { checkWorkBounds, measureThroughput, Refusal, REFUSAL_STATUS, type RunWorkload } from '../../src/miner';
import { estimatedSeconds, estimateWorkload, preset, WorkloadRunner, type WorkloadParams } from '../../src/pog';
import { signRequest, verifyResponse } from '../../src/protocol';
import { quantile } from '../../bench/miner/slow-sockets';
import { call, newChallenge, raw, sleep, startNode, validatorA, validatorB, type TestNode } from './helpers';

/**
 * Issue 13's work-bound attacks by a permitted validator: parameters with few FLOPs but a huge
 * pool (width 16384, pool 64: 64 GiB of pool alone), generation-heavy ones, and a run that
 * overruns. Each is refused before anything is allocated, with a signed answer naming the
 * bound and its numbers, while another validator keeps being served.
 */
jest.setTimeout(60_000);

const GIB = 2 ** 30;
/** The example: width 16384, pool 64, few rows: 1.3·10⁸·… chain FLOPs, 17·10⁹ generated values. */
const hugePool: WorkloadParams = { ...preset('ci'), rows: 16, width: 16384, depth: 1, poolSize: 64, headWidth: 1, rowsPerLeaf: 16, auditRows: 16 };
/** Fits 6 GiB but generates 268 M values: seconds of work on any CPU for 2·10⁶ FLOPs. */
const generationHeavy: WorkloadParams = { ...preset('ci'), rows: 16, width: 2048, depth: 1, poolSize: 64, headWidth: 1, rowsPerLeaf: 16, auditRows: 16 };

/** A signed request through raw HTTP, so the refusal's own signature can be checked. */
async function signedRaw(t: TestNode, signer: KeyringPair, json: unknown) {
  const body = Buffer.from(JSON.stringify(json));
  const headers = signRequest({ signer, receiver: t.hotkey.address, body, method: 'POST', path: '/challenge' });
  const r = await raw(t.port, { method: 'POST', path: '/challenge', headers: { ...headers, 'content-type': 'application/json' }, body });
  verifyResponse({ headers: r.headers, body: Buffer.from(r.text), requestUuid: headers['epistula-uuid']!, expectedSigner: t.hotkey.address });
  return r;
}

describe('the estimate (src/pog/workload)', () => {
  it('counts the pool, X₀, the intermediates and the generation', () => {
    const e = estimateWorkload(hugePool);
    expect(e.deviceBytes).toBeGreaterThan(64 * GIB); // the pool alone is 64 · 16384² · 4 B
    expect(e.generatedValues).toBe(64 * 16384 ** 2 + 16 * 16384 + 16384);
    expect(e.chainFlops).toBeLessThan(1e10);
    const fp16 = estimateWorkload({ ...preset('gpu') });
    // 2²⁰ rows × 2048: 8 GiB per float32 copy of X, about 2 live copies at once
    expect(fp16.deviceBytes).toBeGreaterThan(16 * GIB);
    expect(fp16.deviceBytes).toBeLessThan(40 * GIB);
  });

  it('refuses over memory and over the seconds cap with the numbers; accepts the presets within them', () => {
    const bounds = { deviceMemoryBytes: 8 * GIB, throughput: { flopsPerSecond: 1e11, valuesPerSecond: 1e8 }, maxSeconds: 2 };
    const refusal = (p: WorkloadParams) => {
      try {
        checkWorkBounds(p, bounds);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return e;
      }
      throw new Error('accepted');
    };
    const memory = refusal(hugePool);
    expect(REFUSAL_STATUS[memory.reason]).toBe(400);
    expect(memory).toMatchObject({ reason: 'over_device_memory', fields: { bound: { name: 'device_memory', unit: 'bytes', limit: 6 * GIB } } });
    const slow = refusal(generationHeavy);
    expect(slow).toMatchObject({ reason: 'over_work_cap', fields: { bound: { name: 'work_seconds', unit: 'seconds', limit: 2 } } });
    expect((slow.fields.bound as { value: number }).value).toBeCloseTo(estimatedSeconds(estimateWorkload(generationHeavy), bounds.throughput), 2);
    const ok = checkWorkBounds(preset('demo'), bounds);
    expect(ok.deadlineMs).toBeGreaterThanOrEqual(60_000);
  });
});

it('the measured throughput predicts a real run within a factor of 4 (the real runner on this CPU)', async () => {
  const runner = await WorkloadRunner.start({ device: 'cpu', threads: cpus().length });
  try {
    const run: RunWorkload = (seed, params) => runner.runWorkload(seed, params);
    const measured = await measureThroughput({ run, targetMs: 100 });
    expect(measured.flopsPerSecond).toBeGreaterThan(1e8);
    expect(measured.valuesPerSecond).toBeGreaterThan(1e5);
    for (const p of [preset('ci', { rows: 4096 }), { ...generationHeavy, poolSize: 8, width: 1024 }]) {
      await run(new Uint8Array(32), p); // session creation is not part of the estimate
      const actual = (await run(new Uint8Array(32).fill(1), p)).timings.generateAndComputeMs / 1000;
      const predicted = estimatedSeconds(estimateWorkload(p), measured);
      expect(predicted / actual).toBeGreaterThan(0.25);
      expect(predicted / actual).toBeLessThan(4);
    }
  } finally {
    await runner.close();
  }
});

describe('a permitted validator asking for too much', () => {
  let t: TestNode;
  let runs = 0;
  const counting: RunWorkload = async (_seed, params) => {
    runs++;
    await sleep(5);
    return { output: new Float32Array(params.rows * params.headWidth), timings: { generateAndComputeMs: 5, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 5 } };
  };
  beforeAll(async () => {
    t = await startNode({ runWorkload: counting, throughput: { flopsPerSecond: 1e11, valuesPerSecond: 1e8 }, maxChallengeSeconds: 2 });
  });
  afterAll(() => t.close());

  it('gets signed refusals naming the bound, nothing runs or is allocated, and another validator is served throughout', async () => {
    const rssBefore = process.memoryUsage().rss;
    let stop = false;
    const refusals: Record<string, number> = {};
    const attacker = async () => {
      for (let i = 0; !stop; i++) {
        const r = await signedRaw(t, validatorA(), newChallenge(i % 2 ? hugePool : generationHeavy));
        expect(r.status).toBe(400);
        const bound = (r.json as { bound: { name: string; value: number; limit: number } }).bound;
        expect(bound.value).toBeGreaterThan(bound.limit);
        refusals[r.json!.reason as string] = (refusals[r.json!.reason as string] ?? 0) + 1;
      }
    };
    const attack = Promise.all([attacker(), attacker()]);
    const latencies: number[] = [];
    const end = Date.now() + 2_000;
    while (Date.now() < end) {
      const started = performance.now();
      expect((await call(t, validatorB(), '/challenge', newChallenge(preset('ci')))).status).toBe(200);
      latencies.push(performance.now() - started);
    }
    stop = true;
    await attack;
    expect(refusals.over_device_memory).toBeGreaterThan(3);
    expect(refusals.over_work_cap).toBeGreaterThan(3);
    expect(runs).toBe(latencies.length); // only B's challenges ran
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(quantile(latencies, 0.5)).toBeLessThan(1_000);
    // Nothing of the 64 GiB was allocated: the process grew by less than 64 MiB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 2 ** 20);
    expect((await call(t, validatorB(), '/challenge', newChallenge(preset('ci')))).status).toBe(200);
  });
});

it('a run past its wall-time deadline is answered 503 run_deadline at once, signed, and the device is held until the run has really ended', async () => {
  let release: () => void = () => undefined;
  let first = true;
  const stuck: RunWorkload = (_seed, params) =>
    new Promise((resolve) => {
      const done = () => resolve({ output: new Float32Array(params.rows * params.headWidth), timings: { generateAndComputeMs: 1, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 1 } });
      if (first) {
        first = false;
        release = done;
      } else done();
    });
  const t = await startNode({ runWorkload: stuck, deadline: { minMs: 300 } });
  try {
    const started = performance.now();
    const r = await signedRaw(t, validatorA(), newChallenge(preset('ci')));
    const ms = performance.now() - started;
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ reason: 'run_deadline', bound: { name: 'wall_seconds', limit: 0.3 } });
    expect(ms).toBeLessThan(2_000);
    expect(t.node.queue.busy).toBe(true);
    const next = call(t, validatorB(), '/challenge', newChallenge(preset('ci')));
    await sleep(100);
    expect(t.node.queue.queued).toBe(1);
    release();
    expect((await next).status).toBe(200);
  } finally {
    await t.close();
  }
});
