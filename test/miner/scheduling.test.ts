import { preset } from '../../src/pog';
import { call, gatedWorkload, newChallenge, raw, sleep, startNode, stranger, validatorA, validatorB, type TestNode } from './helpers';

const ci = preset('ci');

async function metric(t: TestNode, line: RegExp): Promise<number> {
  const text = (await raw(t.port, { path: '/metrics' })).text;
  const m = new RegExp(`^${line.source} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('one challenge per device at a time', () => {
  it('two validators at once: one runs, the other queues, both are served', async () => {
    const gate = gatedWorkload();
    const t = await startNode({ runWorkload: gate.run, queueSize: 2 });
    try {
      const a = call(t, validatorA(), '/challenge', newChallenge(ci));
      await gate.waitStarted(1);
      const b = call(t, validatorB(), '/challenge', newChallenge(ci));
      await until(() => t.node.queue.queued === 1);
      expect(await metric(t, /pog_miner_queue_depth/)).toBe(1);
      expect(await metric(t, /pog_miner_device_busy/)).toBe(1);
      expect(gate.started()).toBe(1); // B waits while A holds the device
      gate.finish(0);
      expect((await a).status).toBe(200);
      await gate.waitStarted(2);
      gate.finish(1);
      expect((await b).status).toBe(200);
      expect(await metric(t, /pog_miner_challenges_total\{outcome="served"\}/)).toBe(2);
      expect(await metric(t, /pog_miner_queue_depth/)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('a full queue answers 503 busy at once', async () => {
    const gate = gatedWorkload();
    const t = await startNode({ runWorkload: gate.run, queueSize: 1 });
    try {
      const a = call(t, validatorA(), '/challenge', newChallenge(ci));
      await gate.waitStarted(1);
      const b = call(t, validatorB(), '/challenge', newChallenge(ci));
      await until(() => t.node.queue.queued === 1);
      const started = Date.now();
      await expect(call(t, validatorA(), '/challenge', newChallenge(ci))).rejects.toMatchObject({ status: 503, reason: 'busy' });
      expect(Date.now() - started).toBeLessThan(1000);
      gate.finish(0);
      await gate.waitStarted(2);
      gate.finish(1);
      await Promise.all([a, b]);
      expect(await metric(t, /pog_miner_rejections_total\{reason="busy"\}/)).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('the queue is ordered by validator stake within a cycle; unknown stake goes last', async () => {
    const gate = gatedWorkload();
    const t = await startNode({ runWorkload: gate.run, queueSize: 4, allow: [validatorA().address, validatorB().address, stranger().address] });
    try {
      // B holds more stake than A; the stranger is allowlisted and outside the metagraph
      t.node.access.update({ block: 10, hotkeys: [validatorA().address, validatorB().address], stake: [5n, 500n], validatorPermit: [true, true] });
      // The stranger's first challenge runs; its second waits until A and B (not yet served this cycle) have had the device.
      const first = call(t, stranger(), '/challenge', newChallenge(ci));
      await gate.waitStarted(1);
      const challenges = { stranger: newChallenge(ci), A: newChallenge(ci), B: newChallenge(ci) };
      const s = call(t, stranger(), '/challenge', challenges.stranger);
      await until(() => t.node.queue.queued === 1);
      const a = call(t, validatorA(), '/challenge', challenges.A);
      await until(() => t.node.queue.queued === 2);
      const b = call(t, validatorB(), '/challenge', challenges.B);
      await until(() => t.node.queue.queued === 3);
      for (let i = 0; i < 4; i++) {
        await gate.waitStarted(i + 1);
        gate.finish(i);
      }
      await Promise.all([first, s, a, b]);
      const bySeed = new Map(Object.entries(challenges).map(([name, c]) => [c.seed, name]));
      expect(gate.seeds.slice(1).map((seed) => bySeed.get(seed))).toEqual(['B', 'A', 'stranger']);
    } finally {
      await t.close();
    }
  });
});

describe('a validator that disconnects mid-challenge', () => {
  it('while queued: its entry is dropped and the device never runs it', async () => {
    const gate = gatedWorkload();
    const t = await startNode({ runWorkload: gate.run, queueSize: 2 });
    try {
      const a = call(t, validatorA(), '/challenge', newChallenge(ci));
      await gate.waitStarted(1);
      const controller = new AbortController();
      const b = call(t, validatorB(), '/challenge', newChallenge(ci), { signal: controller.signal }).catch((e: unknown) => e);
      await until(() => t.node.queue.queued === 1);
      controller.abort();
      await until(() => t.node.queue.queued === 0);
      expect(await b).toMatchObject({ reason: 'aborted' });
      gate.finish(0);
      expect((await a).status).toBe(200);
      await sleep(50);
      expect(gate.started()).toBe(1);
      expect(await metric(t, /pog_miner_challenges_total\{outcome="aborted"\}/)).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('while running: the run completes and is discarded, the device is freed and the miner keeps serving', async () => {
    const gate = gatedWorkload();
    const t = await startNode({ runWorkload: gate.run, queueSize: 2 });
    try {
      const controller = new AbortController();
      const challenge = newChallenge(ci);
      const gone = call(t, validatorA(), '/challenge', challenge, { signal: controller.signal }).catch((e: unknown) => e);
      await gate.waitStarted(1);
      controller.abort();
      expect(await gone).toMatchObject({ reason: 'aborted' });
      await sleep(50);
      expect(t.node.queue.busy).toBe(true); // onnxruntime cannot be interrupted: the run finishes
      gate.finish(0);
      await until(() => !t.node.queue.busy);
      // discarded: nothing to audit
      await expect(call(t, validatorA(), '/audit', { version: 1, challengeId: challenge.challengeId, rows: [0] })).rejects.toMatchObject({ status: 404 });
      const next = call(t, validatorB(), '/challenge', newChallenge(ci));
      await gate.waitStarted(2);
      gate.finish(1);
      expect((await next).status).toBe(200);
      expect(await metric(t, /pog_miner_challenges_total\{outcome="aborted"\}/)).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('stopping', () => {
  it('queued challenges get 503 shutting_down, the running one finishes and is answered', async () => {
    const gate = gatedWorkload();
    const t = await startNode({ runWorkload: gate.run, queueSize: 2 });
    const a = call(t, validatorA(), '/challenge', newChallenge(ci));
    await gate.waitStarted(1);
    const b = call(t, validatorB(), '/challenge', newChallenge(ci)).catch((e: unknown) => e);
    await until(() => t.node.queue.queued === 1);
    const stopped = t.node.stop(5000);
    expect(await b).toMatchObject({ status: 503, reason: 'shutting_down' });
    gate.finish(0);
    expect((await a).status).toBe(200);
    expect(await stopped).toEqual({ finishedRunning: true });
    await expect(raw(t.port, { path: '/health' })).rejects.toThrow();
  });
});
