/**
 * The miner's cost, each figure against a reference measured in the same run:
 *
 *   - GET /capacity (signed request, signed statement) requests/s over N sequential requests,
 *     against plain unsigned GET /health on the same server;
 *   - the miner's overhead per challenge beyond the workload itself: the validator-side round
 *     trip of challenge + audit, minus the runner's own workload time (session.run, timed in
 *     the worker), over that workload time, per preset, on the CPU.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { keypairFromUri, signSr25519, verifySr25519 } from '../../src/chain/keys';
import type { KeyringPair } from '@polkadot/keyring/types';
import { MinerNode, type CapacityReport, type RunWorkload } from '../../src/miner';
import { bytesToHex, chooseAuditRows, medianMs, preset, WorkloadRunner, type PresetName } from '../../src/pog';
import { protocolCryptoReady, signedFetch } from '../../src/protocol';

export interface MinerBenchOptions {
  /** Sequential requests per endpoint. */
  readonly requests: number;
  /** Timed challenges per preset (after one warm-up). */
  readonly challenges: number;
  readonly presets: readonly PresetName[];
  readonly threads?: number;
}

export interface ChallengeOverhead {
  readonly preset: PresetName;
  /** Medians over the timed challenges, ms. */
  readonly roundTripMs: number;
  readonly challengeMs: number;
  readonly auditMs: number;
  readonly workloadMs: number;
  /** (roundTrip − workload) / workload, median over challenges. */
  readonly overheadRatio: number;
  readonly overheadMs: number;
}

export interface MinerBenchReport {
  readonly requests: number;
  readonly capacityPerSecond: number;
  readonly healthPerSecond: number;
  /** capacity / health: the median over alternating batches of 25 requests of each. */
  readonly capacityVsHealth: number;
  /**
   * The signatures alone: one sr25519 sign and one verify (wasm) of a message the size of a
   * signed request's, µs, medians over batches run between the request batches. A signed
   * exchange makes two of each (request and response).
   */
  readonly signUs: number;
  readonly verifyUs: number;
  /** health / (health + 2 signs + 2 verifies): the ratio if the signatures were /capacity's only extra cost. */
  readonly signatureBoundRatio: number;
  readonly overhead: readonly ChallengeOverhead[];
}

const CAPACITY: CapacityReport = {
  device: { kind: 'cpu', deviceId: 0 },
  gpus: { available: false, reason: 'benchmark', count: 0, gpus: [] },
  executionProviders: [{ name: 'cpu', bundled: true, available: true }],
  cpu: { model: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryBytes: totalmem(), arch: process.arch, platform: process.platform, osRelease: '' },
  software: { miner: '0.1.0', node: process.version, onnxruntime: null },
  probedAtMs: Date.now(),
  probeMs: 0,
};

/** A miner node on 127.0.0.1 for the benches: CPU, no chain, serving the bench's validator key. */
export async function startBenchMiner(runWorkload: RunWorkload): Promise<{ node: MinerNode; hotkey: KeyringPair; validator: KeyringPair }> {
  await protocolCryptoReady();
  const hotkey = keypairFromUri('//PogBench//miner');
  const validator = keypairFromUri('//PogBench//validator');
  const node = await MinerNode.start({ hotkey, netuid: null, device: 'cpu', capacity: CAPACITY, allow: [validator.address], host: '127.0.0.1', port: 0, runWorkload });
  return { node, hotkey, validator };
}

export async function runMinerBench(options: MinerBenchOptions, progress: (line: string) => void = () => undefined): Promise<MinerBenchReport> {
  const runner = await WorkloadRunner.start({ device: 'cpu', threads: options.threads ?? cpus().length });
  // The runner's own time for each workload, recorded as the miner runs it.
  let lastWorkloadMs = Number.NaN;
  const { node, hotkey, validator } = await startBenchMiner(async (seed, params) => {
    const result = await runner.runWorkload(seed, params);
    lastWorkloadMs = result.timings.generateAndComputeMs;
    return result;
  });
  const url = `http://127.0.0.1:${node.port}`;
  const receiver = hotkey.address; // read once: the pair's getter re-encodes it every time
  const signed = (path: string, json?: unknown) => signedFetch({ url, path, json, signer: validator, receiver, timeoutMs: 600_000, maxResponseBytes: 32 * 2 ** 20 });
  try {
    progress(`GET /health and GET /capacity, ${options.requests} sequential requests each`);
    for (let i = 0; i < 20; i++) {
      await (await fetch(`${url}/health`)).arrayBuffer();
      await signed('/capacity');
    }
    // Alternating batches, so that both endpoints see the same machine load (other processes
    // on a shared machine come and go): the ratio is the median of the per-batch-pair ratios.
    const batch = 25;
    let healthMs = 0;
    let capacityMs = 0;
    const ratios: number[] = [];
    const message = new Uint8Array(220).fill(0x61); // a request's signed string is ~200 characters
    const signature = signSr25519(validator, message);
    const signs: number[] = [];
    const verifies: number[] = [];
    const bounds: number[] = [];
    for (let done = 0; done < options.requests; done += batch) {
      const n = Math.min(batch, options.requests - done);
      let started = performance.now();
      for (let i = 0; i < n; i++) await (await fetch(`${url}/health`)).arrayBuffer();
      const h = performance.now() - started;
      started = performance.now();
      for (let i = 0; i < n; i++) await signed('/capacity');
      const c = performance.now() - started;
      healthMs += h;
      capacityMs += c;
      ratios.push(h / c);
      started = performance.now();
      for (let i = 0; i < n; i++) signSr25519(validator, message);
      const s = (performance.now() - started) / n;
      started = performance.now();
      for (let i = 0; i < n; i++) if (!verifySr25519(message, signature, validator.publicKey)) throw new Error('the bench signature does not verify');
      const v = (performance.now() - started) / n;
      signs.push(s * 1000);
      verifies.push(v * 1000);
      bounds.push(h / n / (h / n + 2 * s + 2 * v));
    }
    const healthPerSecond = options.requests / (healthMs / 1000);
    const capacityPerSecond = options.requests / (capacityMs / 1000);
    const capacityVsHealth = medianMs(ratios);

    const overhead: ChallengeOverhead[] = [];
    for (const name of options.presets) {
      const params = preset(name);
      progress(`challenge + audit round trips, ${name} preset, ${options.challenges} timed after a warm-up`);
      const samples: { roundTrip: number; challenge: number; audit: number; workload: number }[] = [];
      for (let i = 0; i <= options.challenges; i++) {
        const challengeId = bytesToHex(randomBytes(32));
        const t0 = performance.now();
        await signed('/challenge', { version: 1, challengeId, seed: bytesToHex(randomBytes(32)), params, device: 'cpu', issuedAtMs: Date.now() });
        const t1 = performance.now();
        await signed('/audit', { version: 1, challengeId, rows: chooseAuditRows(params.rows, params.auditRows) });
        const t2 = performance.now();
        if (i > 0) samples.push({ roundTrip: t2 - t0, challenge: t1 - t0, audit: t2 - t1, workload: lastWorkloadMs });
      }
      const ratios = samples.map((s) => (s.roundTrip - s.workload) / s.workload);
      const roundTripMs = medianMs(samples.map((s) => s.roundTrip));
      const workloadMs = medianMs(samples.map((s) => s.workload));
      overhead.push({
        preset: name,
        roundTripMs,
        challengeMs: medianMs(samples.map((s) => s.challenge)),
        auditMs: medianMs(samples.map((s) => s.audit)),
        workloadMs,
        overheadRatio: medianMs(ratios),
        overheadMs: medianMs(samples.map((s) => s.roundTrip - s.workload)),
      });
    }
    return {
      requests: options.requests,
      capacityPerSecond,
      healthPerSecond,
      capacityVsHealth,
      signUs: medianMs(signs),
      verifyUs: medianMs(verifies),
      signatureBoundRatio: medianMs(bounds),
      overhead,
    };
  } finally {
    await node.stop(1000);
    await runner.close();
  }
}
