import { performance } from 'node:perf_hooks';
import { keypairFromUri } from '../../src/chain/keys';
import { silentLogger } from '../../src/logging';
import { preset, WorkloadRunner, type WorkloadParams } from '../../src/pog';
import { protocolCryptoReady } from '../../src/protocol';
import { runRound, type MinerTarget } from '../../src/validator';
import { behaviourWorkload, startTestMiner } from '../validator/support/miners';
import { DeviceLog } from './support/device-log';
import { median } from './support/harness';
import { startLatencyProxy } from './miners/latency-proxy';

const ONE_WAY_MS = 150;

/**
 * An honest miner on a long link (a local TCP proxy delaying every byte 150 ms each way, so a
 * 300 ms round trip) is credited within 10% of the same miner without it: one miner on one
 * runner, reached directly and through the proxy in alternating rounds (D P D P D P D), each
 * proxied round against the mean of the direct rounds either side, per challenge the runner
 * could have done in the window at the speed it ran in that round (see DeviceLog: on a loaded
 * machine its speed changes several-fold between rounds); the raw ratio is printed beside it.
 *
 * Pipelining (four challenges unopened) hides the latency while the round trip is at most
 * about three challenges' compute; the challenge is sized to take at least 1.5 round trips
 * anyway (the audits' round trips take room under the unopened bound too), and the window to
 * hold a dozen challenges: the fixed window then loses one round trip to the latency (≤ 1/12).
 */
describe('an honest miner behind 150 ms of latency each way', () => {
  const validator = keypairFromUri('//Bob//pog-latency-validator');
  let runner: WorkloadRunner;
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await runner?.close();
  });

  it('is credited within 10% of the same miner without it', async () => {
    await protocolCryptoReady();
    runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
    let params: WorkloadParams = preset('ci', { rows: 8192, auditRows: 16 });
    let challengeMs = 0;
    for (;;) {
      await runner.runWorkload(new Uint8Array(32), params);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await runner.runWorkload(new Uint8Array(32), params)).timings.totalMs);
      challengeMs = median(times);
      if (challengeMs >= 3 * ONE_WAY_MS || params.rows >= 1 << 18) break;
      params = { ...params, rows: params.rows * 2 };
    }
    const measureWindowMs = Math.max(3_000, Math.ceil(12 * challengeMs + 2 * ONE_WAY_MS));
    const hotkey = keypairFromUri('//Charlie//pog-latency');
    const log = new DeviceLog(runner);
    const m = await startTestMiner(hotkey, behaviourWorkload(log.device, { kind: 'honest' }), [validator.address]);
    stops.push(m.stop);
    const proxy = await startLatencyProxy({ host: '127.0.0.1', port: m.port }, ONE_WAY_MS);
    stops.push(proxy.stop);
    const direct: MinerTarget = { uid: 1, hotkey: hotkey.address, url: m.url };
    const delayed: MinerTarget = { ...direct, url: proxy.url };
    const counts: number[] = [];
    const round = async (target: MinerTarget) => {
      log.clear();
      const openedMs = performance.now();
      const { results } = await runRound([target], {
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
      await m.node.queue.idle();
      expect(results[0]).toMatchObject({ outcome: 'passed' });
      counts.push(results[0]!.challenges!);
      const tflops = results[0]!.tflops;
      return { tflops, perCapacity: tflops / log.capacityInside(openedMs, openedMs + measureWindowMs) };
    };
    await round(direct); // a cold first round (connections, JIT) is not one to compare against
    let before = await round(direct);
    const ratios: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const slow = await round(delayed);
      const after = await round(direct);
      ratios.push(slow.perCapacity / ((before.perCapacity + after.perCapacity) / 2));
      raw.push(slow.tflops / ((before.tflops + after.tflops) / 2));
      before = after;
    }
    const ratio = median(ratios);
    // eslint-disable-next-line no-console
    console.log(`150 ms each way vs direct, per device capacity: ${ratio.toFixed(3)} [${ratios.map((r) => r.toFixed(3)).join(', ')}], raw ${median(raw).toFixed(3)} [${raw.map((r) => r.toFixed(3)).join(', ')}] (challenge ≈ ${challengeMs.toFixed(0)} ms of ${params.rows} rows, window ${measureWindowMs} ms, challenges D D P D P D P D: ${counts.join(' ')})`);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
    expect(ratio).toBeLessThanOrEqual(1.1);
  }, 240_000);
});
