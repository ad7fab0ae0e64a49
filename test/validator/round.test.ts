import { createServer, type Server } from 'node:http';
import { keypairFromUri } from '../../src/chain/keys';
import { silentLogger } from '../../src/logging';
import { MAX_UNOPENED_CHALLENGES, MIN_COMMITMENTS_RETAINED, preset, WorkloadRunner } from '../../src/pog';
import { minerConfigSchema } from '../../src/config';
import { protocolCryptoReady } from '../../src/protocol';
import { applyResults, emptyState, runRound, type MinerTarget, type RoundOptions } from '../../src/validator';
import type { RunWorkload } from '../../src/miner';
import { sleep, startInterceptingProxy } from '../adversarial/miners/intercepting-proxy';
import { behaviourWorkload, startTestMiner } from './support/miners';

/**
 * A round against real miners on 127.0.0.1 (no chain): every challenge verified, and misbehaving
 * endpoints (garbage, hanging, flooding, offline) that must neither stall nor crash it.
 */
describe('a challenge round', () => {
  const validator = keypairFromUri('//Bob//pog-validator');
  const hk = (n: string) => keypairFromUri(`//Charlie//pog-${n}`);
  let runnerA: WorkloadRunner;
  const stops: (() => Promise<void>)[] = [];
  const params = preset('ci', { rows: 8192 });
  const options = (over: Partial<RoundOptions> = {}): RoundOptions => ({
    signer: validator,
    params,
    device: 'cpu',
    concurrency: 8,
    windowMs: 4_000,
    challengeTimeoutMs: 3_000,
    auditTimeoutMs: 1_000,
    retryDelayMs: 100,
    // A fixed 1.5 s validator-clocked window per miner, two challenges pipelined.
    measureWindowMs: 1_500,
    minChallenges: 1,
    maxChallenges: 64,
    logger: silentLogger,
    ...over,
  });

  beforeAll(async () => {
    await protocolCryptoReady();
    runnerA = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
    await runnerA.runWorkload(new Uint8Array(32), params); // warm sessions
  }, 60_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await runnerA.close();
  });

  async function miner(name: string, runner: WorkloadRunner): Promise<MinerTarget> {
    const m = await startTestMiner(hk(name), behaviourWorkload(runner, { kind: 'honest' }), [validator.address]);
    stops.push(m.stop);
    return { uid: stops.length, hotkey: hk(name).address, url: m.url };
  }

  async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
    const port = (server.address() as { port: number }).port;
    return { url: `http://127.0.0.1:${port}`, server };
  }

  it('a miner that fakes only some of its challenges fails: every kept audit is verified', async () => {
    const honestRun = behaviourWorkload(runnerA, { kind: 'honest' });
    const cheatRun = behaviourWorkload(runnerA, { kind: 'cheater', fakeFraction: 0.25 });
    let n = 0;
    // Honest on the first challenge, faking on the second, honest again after.
    const sometimes: RunWorkload = (seed, p) => (++n === 2 ? cheatRun : honestRun)(seed, p);
    const m = await startTestMiner(hk('sometimes'), sometimes, [validator.address]);
    stops.push(m.stop);
    const round = await runRound([{ uid: 50, hotkey: hk('sometimes').address, url: m.url }], options({ minChallenges: 3, maxChallenges: 3, measureWindowMs: 3_000, windowMs: 5_000 }));
    expect(round.results[0]).toMatchObject({ outcome: 'failed', passed: false, code: 'row-mismatch', tflops: 0, challenges: 3 });
    expect(round.results[0]!.reason).toMatch(/^challenge 2 of 3: /);
  }, 30_000);

  it('garbage, hanging, flooding and offline miners neither stall the round nor crash it; the honest one passes', async () => {
    const honest = await miner('honest', runnerA);
    const garbage = await rawServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"not":"signed"'));
    const hanging = await rawServer(() => undefined);
    const flooding = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 16, 0x20);
      const pump = () => { while (res.write(chunk)); };
      res.on('drain', pump);
      pump();
    });
    // A 4xx saying the validator's request was malformed: the miner refused, it did not fail.
    const refusing = await rawServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"malformed","message":"bad header"}'));
    const offline = await rawServer(() => undefined);
    const offlineUrl = offline.url;
    await new Promise<void>((r) => { offline.server.close(() => r()); });
    const targets: MinerTarget[] = [
      honest,
      { uid: 90, hotkey: hk('garbage').address, url: garbage.url },
      { uid: 91, hotkey: hk('hanging').address, url: hanging.url },
      { uid: 92, hotkey: hk('flooding').address, url: flooding.url },
      { uid: 93, hotkey: hk('offline').address, url: offlineUrl },
      { uid: 94, hotkey: hk('refusing').address, url: refusing.url },
    ];
    const started = Date.now();
    const round = await runRound(targets, options({ windowMs: 3_000 }));
    expect(Date.now() - started).toBeLessThan(3_000 + 2_000);
    const by = Object.fromEntries(round.results.map((r) => [r.uid, r]));
    expect(by[honest.uid]).toMatchObject({ outcome: 'passed' });
    expect(by[90]).toMatchObject({ passed: false });
    expect(by[91]).toMatchObject({ outcome: 'unavailable', code: 'timeout' });
    expect(by[92]).toMatchObject({ outcome: 'failed', code: 'response_too_large' });
    expect(by[93]).toMatchObject({ outcome: 'unavailable', code: 'transport' });
    expect(by[93]!.attempts).toBeGreaterThan(1); // transport errors are retried within the window
    expect(by[94]).toMatchObject({ outcome: 'unavailable', code: 'malformed', passed: false });

    // An offline miner's score decays; a caught one is zeroed.
    let state = emptyState(1, validator.address);
    const passed = { ...by[honest.uid]!, uid: 93, hotkey: hk('offline').address };
    state = applyResults(state, [passed], { scoreAlpha: 0.3, reliabilityAlpha: 0.1, nowMs: Date.now() });
    const before = state.miners['93']!.score;
    expect(before).toBeGreaterThan(0);
    state = applyResults(state, [by[93]!], { scoreAlpha: 0.3, reliabilityAlpha: 0.1, nowMs: Date.now() });
    expect(state.miners['93']!.score).toBeCloseTo(before * 0.7);
    state = applyResults(state, [{ ...by[92]!, uid: 93, hotkey: hk('offline').address }], { scoreAlpha: 0.3, reliabilityAlpha: 0.1, nowMs: Date.now() });
    expect(state.miners['93']).toMatchObject({ score: 0, reliability: 0 });
  }, 30_000);

  it('an honest miner whose audits travel slowly still passes: the validator never has more unopened challenges than the miner retains', async () => {
    // Challenges take milliseconds, audit requests 300 ms to reach the miner: unbounded lanes
    // would commit past the miner's retention before the first audit arrives (a CI failure).
    const honest = await miner('slow-audits', runnerA);
    let unopened = 0;
    let mostUnopened = 0;
    const proxy = await startInterceptingProxy(honest.url, async (path, _body, forward) => {
      if (path === '/challenge') mostUnopened = Math.max(mostUnopened, ++unopened);
      if (path !== '/audit') return forward();
      await sleep(300);
      const answer = await forward();
      unopened--;
      return answer;
    });
    stops.push(proxy.stop);
    const round = await runRound([{ ...honest, url: proxy.url }], options({ measureWindowMs: 2_000, windowMs: 4_000 }));
    expect(round.results[0]).toMatchObject({ outcome: 'passed', code: 'verified' });
    expect(round.results[0]!.challenges).toBeGreaterThan(MAX_UNOPENED_CHALLENGES);
    expect(mostUnopened).toBe(MAX_UNOPENED_CHALLENGES);
  }, 30_000);

  it('the miner config retains at least the commitments a validator may leave unopened', () => {
    expect(minerConfigSchema.shape.auditPerValidator.parse(undefined)).toBe(MIN_COMMITMENTS_RETAINED);
    expect(minerConfigSchema.shape.auditPerValidator.safeParse(MIN_COMMITMENTS_RETAINED - 1).success).toBe(false);
  });
});
