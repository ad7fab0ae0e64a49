import { keypairFromUri } from '../../src/chain/keys';
import { silentLogger } from '../../src/logging';
import { preset, WorkloadRunner, type WorkloadParams } from '../../src/pog';
import { protocolCryptoReady } from '../../src/protocol';
import { runRound, type MinerTarget } from '../../src/validator';
import { behaviourWorkload, startTestMiner } from '../validator/support/miners';
import { startLatencyProxy } from './miners/latency-proxy';

const ONE_WAY_MS = 150;

/**
 * An honest miner on a long link (a local TCP proxy delaying every byte 150 ms each way, so a
 * 300 ms round trip) is credited within 10% of the same miner without it. Two miners on two
 * runners are measured in the same round, one through the proxy, then the other way round, so
 * the runners' speeds and the machine's load cancel: ratio = √((B₁/A₁)·(A₂/B₂)).
 *
 * Pipelining (two challenges outstanding) hides the latency only while the round trip is at
 * most one challenge's compute time, so the challenge is sized to take at least 450 ms here
 * (1.5 × the round trip, for the machine's noise), and the window to hold twenty of them: the
 * fixed window then loses at most one challenge to the latency (≤ 1/20) beside the one round
 * trip it pays (300 ms of the window).
 */
describe('an honest miner behind 150 ms of latency each way', () => {
  const validator = keypairFromUri('//Bob//pog-latency-validator');
  const runners: WorkloadRunner[] = [];
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    for (const r of runners) await r.close();
  });

  it('is credited within 10% of the same miner without it', async () => {
    await protocolCryptoReady();
    runners.push(await WorkloadRunner.start({ device: 'cpu', threads: 1 }), await WorkloadRunner.start({ device: 'cpu', threads: 1 }));
    // Size the challenge while both runners work at once, as they will in the rounds.
    let params: WorkloadParams = preset('ci', { rows: 8192, auditRows: 16 });
    let challengeMs = 0;
    for (;;) {
      await Promise.all(runners.map((r) => r.runWorkload(new Uint8Array(32), params)));
      const times = await Promise.all(runners.map(async (r) => (await r.runWorkload(new Uint8Array(32), params)).timings.totalMs));
      challengeMs = Math.min(...times);
      if (challengeMs >= 3 * ONE_WAY_MS || params.rows >= 1 << 18) break;
      params = { ...params, rows: params.rows * 2 };
    }
    const measureWindowMs = Math.max(4_000, Math.ceil(15 * challengeMs + 2 * ONE_WAY_MS));
    const miners = await Promise.all(
      runners.map(async (runner, i) => {
        const hotkey = keypairFromUri(`//Charlie//pog-latency-${i}`);
        const m = await startTestMiner(hotkey, behaviourWorkload(runner, { kind: 'honest' }), [validator.address]);
        stops.push(m.stop);
        const proxy = await startLatencyProxy({ host: '127.0.0.1', port: m.port }, ONE_WAY_MS);
        stops.push(proxy.stop);
        return { direct: { uid: i + 1, hotkey: hotkey.address, url: m.url }, delayed: { uid: i + 1, hotkey: hotkey.address, url: proxy.url }, node: m.node };
      }),
    );
    const counts: string[] = [];
    const round = async (targets: MinerTarget[]) => {
      const { results } = await runRound(targets, {
        signer: validator,
        params,
        device: 'cpu',
        concurrency: 4,
        windowMs: measureWindowMs + 8_000,
        challengeTimeoutMs: measureWindowMs,
        auditTimeoutMs: 3_000,
        measureWindowMs,
        maxChallenges: 200,
        logger: silentLogger,
      });
      for (const m of miners) await m.node.queue.idle();
      expect(results.map((r) => r.outcome)).toEqual(['passed', 'passed']);
      counts.push(results.map((r) => r.challenges).join('/'));
      return results.map((r) => r.tflops) as [number, number];
    };
    const [a1, b1] = await round([miners[0]!.direct, miners[1]!.delayed]);
    const [a2, b2] = await round([miners[0]!.delayed, miners[1]!.direct]);
    const ratio = Math.sqrt((b1 / a1) * (a2 / b2));
    // eslint-disable-next-line no-console
    console.log(`150 ms each way vs direct: ${ratio.toFixed(3)} (challenge ≈ ${challengeMs.toFixed(0)} ms of ${params.rows} rows, window ${measureWindowMs} ms, challenges A/B per round ${counts.join(', ')})`);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
    expect(ratio).toBeLessThanOrEqual(1.1);
  }, 120_000);
});
