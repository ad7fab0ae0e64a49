import { DeviceBusyError, DeviceQueue, JOB_PRIORITY, jobQueueOwner, type DeviceSlot, type JobModelRunner, type RunWorkload } from '../../../src/miner';
import { preset, WorkloadRunner } from '../../../src/pog';
import { call, newChallenge, sleep, startNode, validatorA, validatorB } from '../helpers';
import { dense, denseInput, jobRequest, modelUpload } from './helpers';

/**
 * The device-queue policy between PoG challenges and jobs (docs/miner.md, "Jobs"): jobs queue
 * under an owner of their own per validator, with a priority below every challenge, a share of
 * `jobsPerValidator`, at most `maxQueuedJobs` waiting, and never displacing anyone.
 */
jest.setTimeout(60_000);

const jobOptions = { priority: JOB_PRIORITY, perOwner: 2, mayDisplace: false } as const;

describe('the queue policy', () => {
  it('gives the device to a challenge that arrived after a waiting job', async () => {
    const q = new DeviceQueue(8);
    const order: string[] = [];
    const running = await q.acquire({ owner: 'V1', priority: 10n });
    const job = q.acquire({ owner: jobQueueOwner('G'), ...jobOptions }).then((s) => {
      order.push('job');
      return s;
    });
    const challenge = q.acquire({ owner: 'V2', priority: 0n }).then((s) => {
      order.push('challenge');
      return s;
    });
    running.release();
    (await challenge).release();
    (await job).release();
    expect(order).toEqual(['challenge', 'job']);
  });

  it('under constant load from two validators’ challenges and one gateway’s jobs, each gets a third of the runs', async () => {
    const q = new DeviceQueue(16);
    const counts: Record<string, number> = { V1: 0, V2: 0, job: 0 };
    const sequence: string[] = [];
    const TOTAL = 30;
    let granted = 0;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const keep = (key: string, owner: string, priority: bigint, extra: object = {}) => {
      void q.acquire({ owner, priority, ...extra }).then((slot: DeviceSlot) => {
        counts[key]!++;
        sequence.push(key);
        granted++;
        setImmediate(() => {
          slot.release();
          if (granted >= TOTAL) done();
          else keep(key, owner, priority, extra);
        });
      });
    };
    for (let i = 0; i < 2; i++) {
      keep('V1', 'V1', 1_000n);
      keep('V2', 'V2', 5n);
      keep('job', jobQueueOwner('G'), JOB_PRIORITY, jobOptions);
    }
    await finished;
    expect(counts.V1).toBeGreaterThanOrEqual(9);
    expect(counts.V2).toBeGreaterThanOrEqual(9);
    expect(counts.job).toBeGreaterThanOrEqual(9);
    // No two jobs in a row while challenges wait: a job runs at most once per cycle.
    for (let i = 2; i < sequence.length; i++) expect(sequence[i] === 'job' && sequence[i - 1] === 'job').toBe(false);
  });

  it('refuses a job when the queue is full rather than displacing a waiting challenge', async () => {
    const q = new DeviceQueue(1);
    const running = await q.acquire({ owner: 'V1', priority: 1n });
    const waiting = q.acquire({ owner: 'V1', priority: 1n });
    await expect(q.acquire({ owner: jobQueueOwner('G'), ...jobOptions })).rejects.toBeInstanceOf(DeviceBusyError);
    running.release();
    (await waiting).release();
  });

  it('holds a job owner to its own share, apart from the same validator’s challenge share', async () => {
    const q = new DeviceQueue(8, undefined, 2);
    const held = [await q.acquire({ owner: 'G', priority: 1n }), q.acquire({ owner: 'G', priority: 1n })];
    const jobs = [q.acquire({ owner: jobQueueOwner('G'), ...jobOptions, perOwner: 1 })];
    await expect(q.acquire({ owner: jobQueueOwner('G'), ...jobOptions, perOwner: 1 })).rejects.toBeInstanceOf(DeviceBusyError);
    (held[0] as DeviceSlot).release();
    // G's challenges had the device this cycle, so its job goes next, then its second challenge.
    (await jobs[0]!).release();
    (await held[1]!).release();
  });
});

describe('a miner under a job flood', () => {
  let runner: WorkloadRunner;
  beforeAll(async () => {
    runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
  });
  afterAll(async () => {
    await runner?.close();
  });

  it('keeps serving every challenge while a validator floods jobs, and still serves some of the jobs', async () => {
    const RUN_MS = 40;
    // Both kinds take RUN_MS of "device" time: the queue, not onnxruntime's speed, is under test (the jobs still run for real).
    const timedWorkload: RunWorkload = async (_seed, params) => {
      await sleep(RUN_MS);
      return { output: new Float32Array(params.rows * params.headWidth), timings: { generateAndComputeMs: RUN_MS, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: RUN_MS } };
    };
    const slowJobs: JobModelRunner = {
      describe: (model, options) => runner.describe(model, options),
      run: async (model, feeds, names, options) => {
        await sleep(RUN_MS);
        return runner.run(model, feeds, names, options);
      },
    };
    const t = await startNode({ runWorkload: timedWorkload, jobs: { runner: slowJobs, bounds: { jobsPerValidator: 2, maxQueuedJobs: 4 } } });
    try {
      t.node.access.update({ block: 1, hotkeys: [validatorA().address, validatorB().address], stake: [100_000n, 1_000n], validatorPermit: [true, true] });
      const model = dense();
      await call(t, validatorA(), '/model', modelUpload(model.bytes));
      let stop = false;
      const jobs = { served: 0, busy: 0, other: [] as string[] };
      const flooder = async () => {
        while (!stop) {
          try {
            await call(t, validatorA(), '/job', jobRequest(model.hash, [denseInput(2)]));
            jobs.served++;
          } catch (e) {
            if ((e as { reason?: string }).reason === 'busy') jobs.busy++;
            else jobs.other.push(String((e as Error).message));
            await sleep(10);
          }
        }
      };
      const challenges = { served: 0, failures: [] as string[] };
      const pipeline = async (count: number) => {
        for (let i = 0; i < count; i++) {
          try {
            await call(t, validatorB(), '/challenge', newChallenge(preset('ci')));
            challenges.served++;
          } catch (e) {
            challenges.failures.push(String((e as Error).message));
          }
        }
      };
      const flood = Array.from({ length: 10 }, flooder);
      await sleep(200);
      await Promise.all([pipeline(6), pipeline(6)]);
      stop = true;
      await Promise.all(flood);

      expect(challenges.failures).toEqual([]);
      expect(challenges.served).toBe(12);
      expect(jobs.other).toEqual([]);
      expect(jobs.busy).toBeGreaterThan(10);
      expect(jobs.served).toBeGreaterThanOrEqual(6);
    } finally {
      await t.close();
    }
  });
});
