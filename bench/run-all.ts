/**
 * `npm run bench`: the PoG core's speed, each figure a ratio against a reference measured in
 * the same run on the same machine.
 *
 *   1. workload vs the same-shape reference GEMM (CPU, demo preset)   bar: ≥ 0.70
 *   2. validator cost of one challenge at the gpu preset (ORT float64 vs the JS reference,
 *      and as a share of the miner's FLOPs)                           bar: ≤ 1%
 *   3. generator (TypeScript) vs crypto.randomFillSync of the same number of words
 *   4. Merkle commitment at the gpu preset vs one SHA-256 pass over the same bytes
 *   5. the dev chain: empty block, set_weights throughput, memory of a 256-neuron subnet
 *      (bench/devnet/devnet-bench.ts)
 *   6. the miner: signed GET /capacity requests/s vs unsigned GET /health, and the miner's
 *      overhead per challenge + audit as a ratio of the workload time (bench/miner/miner-bench.ts)
 *                                                                    bar: ≥ 0.5
 *   7. the validator: verification CPU per challenged miner at the ci preset (a real round) and
 *      per measured miner at the gpu preset (bench/validator/validator-bench.ts)  bar: ≤ 1.0 s CPU
 *   8. one validator round over 256 stub miners at once: the validator's CPU as a share of the
 *      window, peak RSS, event-loop delay, sockets (bench/validator/round-at-scale.ts)  bar: ≤ 5%
 *   9. the miner under attack: signed-ping latency p50/p99 with and without 300 slow sockets
 *      from one address, as ratios (bench/miner/slow-socket-bench.ts)
 *  10. the adversarial suite: one line per cheating miner of test/adversarial, credited
 *      throughput relative to the same honest miner (bench/adversarial/adversarial-bench.ts)
 *                                                                    bar: ≤ 1.10×, or failed with score 0
 *  11. the gateway: overhead per job as a ratio of the job's compute, and jobs/s routed with
 *      100 concurrent buyers vs the in-process miners called directly (bench/gateway/gateway-bench.ts)
 *
 * Pass --json for one JSON object. Progress goes to stderr.
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { chooseAuditRows } from '../src/pog/audit';
import { medianMs, runPogBench, validatorCostRatio } from '../src/pog/bench';
import { buildCommitment, float32LeBytes } from '../src/pog/commitment';
import { deriveStreamKey, fillValues, generateU32 } from '../src/pog/generator';
import { WorkloadRunner } from '../src/pog/runner';
import { jsReferencePair, ortReferencePair } from '../src/pog/verifier';
import { preset, workloadFlops } from '../src/pog/workload';
import { runDevnetBench } from './devnet/devnet-bench';
import { formatAdversarialBench, runAdversarialBench } from './adversarial/adversarial-bench';
import { formatDevnetBench } from './devnet/format-devnet-bench';
import { formatMinerBench } from './miner/format-miner-bench';
import { runMinerBench } from './miner/miner-bench';
import { formatSlowSocketBench, runSlowSocketBench } from './miner/slow-socket-bench';
import { formatGatewayBench, runGatewayBench } from './gateway/gateway-bench';
import { formatRoundAtScale, runRoundAtScale } from './validator/round-at-scale';
import { formatValidatorBench, runValidatorBench } from './validator/validator-bench';

const json = process.argv.includes('--json');
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

function timeRepeated(repeat: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return medianMs(times);
}

async function workloadVersusGemm() {
  progress('1/8 workload vs reference GEMM (demo preset, CPU)');
  const report = await runPogBench({ device: 'cpu', params: preset('demo'), threads: cpus().length, repeat: 5, onProgress: (l) => progress(`  ${l}`) });
  return {
    gflops: report.gflops,
    referenceGflops: report.referenceGflops,
    efficiency: report.efficiency,
    bar: 0.7,
    pass: report.efficiency >= 0.7,
  };
}

async function validatorCost() {
  progress('2/8 validator cost at the gpu preset (64 rows through 64 layers of width 2048, twice)');
  const gpu = preset('gpu');
  const runner = await WorkloadRunner.start({ device: 'cpu', threads: cpus().length });
  try {
    const seed = randomBytes(32);
    const rows = chooseAuditRows(gpu.rows, gpu.auditRows);
    const ort = ortReferencePair(runner);
    await ort(seed, { ...gpu, depth: 1, poolSize: 1 }, rows.slice(0, 1)); // warm the worker's ORT environment
    let started = performance.now();
    await ort(seed, gpu, rows);
    const ortMs = performance.now() - started;
    // The JS reference at full size takes minutes; time it on 4 rows and scale linearly in rows
    // (its cost is exactly rows × (T·n² + n·r) multiply-adds, plus the shared generation).
    const demo = preset('demo');
    const demoRows = chooseAuditRows(demo.rows, demo.auditRows);
    started = performance.now();
    jsReferencePair(seed, demo, demoRows);
    const jsDemoMs = performance.now() - started;
    started = performance.now();
    await ort(seed, demo, demoRows);
    const ortDemoMs = performance.now() - started;
    const tempoSeconds = 360 * 12;
    return {
      gpuPreset: { verifyMs: ortMs, validatorOpsPerMinerFlop: validatorCostRatio(gpu), minerFlops: workloadFlops(gpu), bar: 0.01 },
      projected256MinersSeconds: (256 * ortMs) / 1000,
      tempoSeconds,
      demoPreset: { ortMs: ortDemoMs, jsMs: jsDemoMs, ortSpeedup: jsDemoMs / ortDemoMs },
    };
  } finally {
    await runner.close();
  }
}

function generatorSpeed() {
  progress('3/8 generator vs crypto.randomFillSync');
  const count = 1 << 22;
  const out = new Uint32Array(count);
  const values = new Float64Array(count);
  const key = deriveStreamKey(randomBytes(32), 0x100);
  // fillValues is what verification runs (values straight into float64); generateU32 is the
  // per-element spec function it unrolls.
  const fillMs = timeRepeated(5, () => fillValues(key, 0, values, 'fp16'));
  const generatorMs = timeRepeated(5, () => {
    for (let i = 0; i < count; i++) out[i] = generateU32(key, i);
  });
  const randomFillMs = timeRepeated(5, () => randomFillSync(out));
  return {
    words: count,
    fillMs,
    fillWordsPerSecond: count / (fillMs / 1000),
    fillRatioToRandomFill: randomFillMs / fillMs,
    generatorMs,
    randomFillMs,
    wordsPerSecond: count / (generatorMs / 1000),
    ratioToRandomFill: randomFillMs / generatorMs,
  };
}

function commitmentSpeed() {
  progress('4/8 Merkle commitment at the gpu preset vs plain SHA-256');
  const gpu = preset('gpu');
  const output = new Float32Array(gpu.rows * gpu.headWidth);
  for (let i = 0; i < output.length; i++) output[i] = (i % 1000) / 7;
  const challengeId = randomBytes(32);
  const commitMs = timeRepeated(3, () => buildCommitment(challengeId, output, gpu));
  const bytes = float32LeBytes(output);
  const sha256Ms = timeRepeated(3, () => createHash('sha256').update(bytes).digest());
  return { rows: gpu.rows, bytes: bytes.length, commitMs, sha256Ms, ratioToSha256: commitMs / sha256Ms };
}

async function main() {
  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    workloadVersusGemm: await workloadVersusGemm(),
    validatorCost: await validatorCost(),
    generator: generatorSpeed(),
    commitment: commitmentSpeed(),
    devnet: await runDevnetBench((l) => progress(`5/11 ${l}`)),
    miner: await runMinerBench({ requests: 500, challenges: 5, presets: ['ci', 'demo'] }, (l) => progress(`6/11 miner: ${l}`)),
    validator: await runValidatorBench((l) => progress(`7/11 validator: ${l}`)),
    roundAtScale: await runRoundAtScale((l) => progress(`8/11 round at scale: ${l}`)),
    minerUnderAttack: await runSlowSocketBench({ sockets: 300, durationMs: 2_000, modes: ['headers', 'chunked'] }, (l) => progress(`9/11 miner under attack: ${l}`)),
    adversarial: await runAdversarialBench((l) => progress(`10/11 adversarial: ${l}`)),
    gateway: await runGatewayBench({ sequentialJobs: 30, buyers: 100, jobsPerBuyer: 2, width: 512, batch: 64 }, (l) => progress(`11/11 gateway: ${l}`)),
    // Other processes' load changes every timing above; recorded so a reader can judge them.
    loadAverage: loadavg(),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
    return;
  }
  const w = results.workloadVersusGemm;
  const v = results.validatorCost;
  const g = results.generator;
  const c = results.commitment;
  const lines = [
    `machine: ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}`,
    '',
    `1. workload vs reference GEMM (demo, CPU): ${w.gflops.toFixed(1)} / ${w.referenceGflops.toFixed(1)} GFLOP/s = ${w.efficiency.toFixed(3)} (bar ≥ ${w.bar}: ${w.pass ? 'met' : 'NOT met'})`,
    `2. validator cost, gpu preset: ${v.gpuPreset.verifyMs.toFixed(0)} ms per challenge = ${(100 * v.gpuPreset.validatorOpsPerMinerFlop).toPrecision(2)}% of the miner's ${v.gpuPreset.minerFlops.toExponential(2)} FLOPs (bar ≤ 1%: ${v.gpuPreset.validatorOpsPerMinerFlop <= v.gpuPreset.bar ? 'met' : 'NOT met'})`,
    `   256 miners: ${v.projected256MinersSeconds.toFixed(0)} s of validator CPU per tempo of ${v.tempoSeconds} s`,
    `   demo preset: ORT float64 ${v.demoPreset.ortMs.toFixed(0)} ms vs JS ${v.demoPreset.jsMs.toFixed(0)} ms = ${v.demoPreset.ortSpeedup.toFixed(1)}× faster`,
    `3. generator: fillValues (verification's path) ${(g.fillWordsPerSecond / 1e6).toFixed(1)} M values/s = ${g.fillRatioToRandomFill.toFixed(2)} × crypto.randomFillSync; per-element generateU32 ${(g.wordsPerSecond / 1e6).toFixed(1)} M words/s = ${g.ratioToRandomFill.toFixed(2)} ×`,
    `4. commitment, ${c.rows} rows (${(c.bytes / 2 ** 20).toFixed(0)} MiB): ${c.commitMs.toFixed(0)} ms = ${c.ratioToSha256.toFixed(2)} × one SHA-256 pass (${c.sha256Ms.toFixed(0)} ms)`,
  ];
  lines.push(`5. ${formatDevnetBench(results.devnet).trimEnd().split('\n').join('\n   ')}`);
  lines.push(`6. ${formatMinerBench(results.miner).trimEnd().split('\n').join('\n   ')}`);
  lines.push(`7. ${formatValidatorBench(results.validator).split('\n').join('\n   ')}`);
  lines.push(`8. ${formatRoundAtScale(results.roundAtScale)}`);
  lines.push(`9. ${formatSlowSocketBench(results.minerUnderAttack).split('\n').join('\n   ')}`);
  lines.push(`10. ${formatAdversarialBench(results.adversarial).split('\n').join('\n    ')}`);
  lines.push(`11. ${formatGatewayBench(results.gateway).trimEnd().split('\n').join('\n    ')}`);
  lines.push('', `load average (1, 5, 15 min) at the end: ${results.loadAverage.map((l) => l.toFixed(2)).join(', ')} on ${results.machine.cpus} CPUs`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
