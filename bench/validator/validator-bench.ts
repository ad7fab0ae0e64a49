import { totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { keypairFromUri } from '../../src/chain/keys';
import { silentLogger } from '../../src/logging';
import { MinerNode, type CapacityReport } from '../../src/miner';
import { chooseAuditRows, layerSequence, medianMs, ortReferencePair, preset, WorkloadRunner } from '../../src/pog';
import { layerReferenceFeeds } from '../../src/pog/onnx';
import { protocolCryptoReady } from '../../src/protocol';
import { runRound, type MinerTarget } from '../../src/validator';

export interface ValidatorBenchReport {
  /** CI scale: validator CPU per challenged miner (verification, sequential on the main thread), ms. */
  readonly ciVerifyMsPerMiner: number;
  /** CI scale: wall time of the exchange phase for all miners at once, ms. */
  readonly ciExchangeMs: number;
  readonly ciMiners: number;
  /**
   * GPU scale, per measured miner, assuming one challenge's worth of audit rows (64) per miner
   * and round: the float64 recomputation (ORT, CPU; pool generated on the host), median over
   * `gpuRuns` verifications after a warm-up. Wall ms, and CPU ms of the whole process (all threads).
   */
  readonly gpuVerifyMsPerMiner: number;
  readonly gpuVerifyCpuMsPerMiner: number;
  /** Of which generating the audited rows' inputs and the used pool matrices on the host, into arrays already in memory, ms (wall, one thread). */
  readonly gpuGenerateMs: number;
  /**
   * CPU ms of one more verification through a new ortReferencePair, whose pool arrays are all
   * fresh memory (as every verification's were before the arrays came back from the worker).
   */
  readonly gpuVerifyFreshCpuMs: number;
  readonly gpuRuns: number;
  readonly gpuCpuBarMs: number;
  /** 256 miners at the GPU scale: verification one after the other, s. */
  readonly projected256Seconds: number;
  readonly tempoSeconds: number;
}

const capacity: CapacityReport = {
  device: { kind: 'cpu', deviceId: 0 },
  gpus: { available: false, reason: 'bench', count: 0, gpus: [] },
  executionProviders: [{ name: 'cpu', bundled: true, available: true }],
  cpu: { model: 'bench', cores: 1, memoryBytes: totalmem(), arch: 'x64', platform: 'linux', osRelease: 'bench' },
  software: { miner: '0.1.0', node: process.version, onnxruntime: '1.30.0' },
  probedAtMs: 0,
  probeMs: 0,
};

/** The validator's CPU per challenged miner at the ci preset (real round, in-process miners) and projected at the gpu preset. */
export async function runValidatorBench(progress: (line: string) => void = () => undefined, miners = 8, rounds = 3, gpuRuns = 3): Promise<ValidatorBenchReport> {
  await protocolCryptoReady();
  const validator = keypairFromUri('//Bench//validator');
  const runner = await WorkloadRunner.start({ device: 'cpu' });
  const nodes: MinerNode[] = [];
  try {
    const params = preset('ci');
    const targets: MinerTarget[] = [];
    for (let i = 0; i < miners; i++) {
      const hotkey = keypairFromUri(`//Bench//miner-${i}`);
      const node = await MinerNode.start({ hotkey, netuid: null, device: 'cpu', runWorkload: (s, p) => runner.runWorkload(s, p), capacity, allow: [validator.address], host: '127.0.0.1', port: 0, queueSize: miners });
      nodes.push(node);
      targets.push({ uid: i, hotkey: hotkey.address, url: `http://127.0.0.1:${node.port}` });
    }
    const opts = { signer: validator, params, concurrency: miners, windowMs: 60_000, pingTimeoutMs: 5_000, challengeTimeoutMs: 30_000, auditTimeoutMs: 10_000, logger: silentLogger };
    await runRound(targets, opts); // warm-up
    let verifyMs = 0;
    let exchangeMs = 0;
    for (let r = 0; r < rounds; r++) {
      progress(`ci round ${r + 1}/${rounds} (${miners} miners)`);
      const summary = await runRound(targets, opts);
      if (summary.results.some((x) => !x.passed)) throw new Error(`a bench miner failed: ${summary.results.find((x) => !x.passed)!.reason}`);
      verifyMs += summary.verifyMs;
      exchangeMs += summary.exchangeMs;
    }
    progress(`gpu preset: float64 recomputation of 64 audited rows, ${gpuRuns} miners after a warm-up`);
    const gpu = preset('gpu');
    const reference = ortReferencePair(runner);
    const walls: number[] = [];
    const cpus: number[] = [];
    const generation: number[] = [];
    // Generation as verification now does it: into arrays already in memory (ortReferencePair
    // reuses the pool's arrays), timed from the second use on.
    const reused = Array.from({ length: gpu.poolSize }, () => new Float64Array(gpu.width * gpu.width));
    const generateInto = (seed: Uint8Array, rows: readonly number[]) => {
      let next = 0;
      layerReferenceFeeds(seed, gpu, rows, layerSequence(seed, gpu.depth, gpu.poolSize), () => reused[next++]!);
    };
    generateInto(new Uint8Array(32), chooseAuditRows(gpu.rows, gpu.auditRows));
    for (let i = 0; i <= gpuRuns; i++) {
      const seed = new Uint8Array(32).fill(7 + i);
      const rows = chooseAuditRows(gpu.rows, gpu.auditRows);
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      await reference(seed, gpu, rows);
      const cpu = process.cpuUsage(cpuStart);
      if (i === 0) continue; // the session's first run
      walls.push(performance.now() - started);
      cpus.push((cpu.user + cpu.system) / 1000);
      const generated = performance.now();
      generateInto(seed, rows);
      generation.push(performance.now() - generated);
    }
    const freshStart = process.cpuUsage();
    await ortReferencePair(runner)(new Uint8Array(32).fill(99), gpu, chooseAuditRows(gpu.rows, gpu.auditRows));
    const fresh = process.cpuUsage(freshStart);
    const gpuVerifyMsPerMiner = medianMs(walls);
    return {
      ciVerifyMsPerMiner: verifyMs / (rounds * miners),
      ciExchangeMs: exchangeMs / rounds,
      ciMiners: miners,
      gpuVerifyMsPerMiner,
      gpuVerifyCpuMsPerMiner: medianMs(cpus),
      gpuGenerateMs: medianMs(generation),
      gpuVerifyFreshCpuMs: (fresh.user + fresh.system) / 1000,
      gpuRuns,
      gpuCpuBarMs: 1000,
      projected256Seconds: (256 * gpuVerifyMsPerMiner) / 1000,
      tempoSeconds: 360 * 12,
    };
  } finally {
    for (const n of nodes) await n.stop(0);
    await runner.close();
  }
}

export function formatValidatorBench(r: ValidatorBenchReport): string {
  return [
    `validator, ci preset: ${r.ciVerifyMsPerMiner.toFixed(1)} ms of verification CPU per challenged miner; exchange phase ${r.ciExchangeMs.toFixed(0)} ms for ${r.ciMiners} miners at once`,
    `validator, gpu preset, per measured miner (assuming one challenge's worth of audit rows, 64, per miner and round; median of ${r.gpuRuns}):`,
    `   ${r.gpuVerifyMsPerMiner.toFixed(0)} ms wall, ${r.gpuVerifyCpuMsPerMiner.toFixed(0)} ms CPU (all threads; bar ≤ ${r.gpuCpuBarMs} ms: ${r.gpuVerifyCpuMsPerMiner <= r.gpuCpuBarMs ? 'met' : 'NOT met'}), of which ${r.gpuGenerateMs.toFixed(0)} ms generating inputs and pool on the host`,
    `   the same verification into fresh memory (no arrays to reuse): ${r.gpuVerifyFreshCpuMs.toFixed(0)} ms CPU`,
    `   256 miners ≈ ${r.projected256Seconds.toFixed(0)} s of verification (wall) per tempo of ${r.tempoSeconds} s`,
  ].join('\n');
}
