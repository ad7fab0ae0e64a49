import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chooseAuditRows, leavesForRows } from '../audit';
import { identifyClass, type ClassIdentification } from '../catalogue';
import { buildCommitment, openLeaf } from '../commitment';
import { buildReferenceGemmModel, referenceGemmFeeds, REFERENCE_GEMM_OUTPUT } from '../onnx';
import { WorkloadRunner, type RunnerDevice, type RunnerLogger } from '../runner';
import { verifyAudit, ortReferencePair, type VerificationResult } from '../verifier';
import { workloadFlops, type WorkloadParams } from '../workload';
import { medianMs } from './median-ms';
import { validatorCostRatio } from './validator-cost';

/**
 * The reference GEMM's operands are made on the host and copied to the device, so at GPU-scale
 * row counts (2³¹ values) it is capped; 65 536 rows of width ≥ 512 still fill a GPU, and
 * GFLOP/s is computed from the rows actually run.
 */
export const REFERENCE_MAX_ROWS = 1 << 16;

export interface PogBenchOptions {
  readonly device: RunnerDevice;
  readonly deviceId?: number;
  readonly params: WorkloadParams;
  /** onnxruntime intra-op threads; all cores when absent. */
  readonly threads?: number;
  /** Timed runs of each of the workload and the reference GEMM; medians are reported. */
  readonly repeat: number;
  /** Progress lines for a person watching (the CLI writes them to stderr). */
  readonly onProgress?: (line: string) => void;
  readonly logger?: RunnerLogger;
}

export interface PogBenchReport {
  readonly device: RunnerDevice;
  readonly params: WorkloadParams;
  readonly flops: number;
  /**
   * Workload throughput: FLOPs over the median session.run time, generation included. Both
   * this and the reference are timed inside the runner's worker, so neither pays for moving
   * feeds between threads.
   */
  readonly gflops: number;
  /** The same-shape chain of plain MatMuls (operands pre-generated), in the same run. */
  readonly referenceGflops: number;
  /** gflops / referenceGflops. */
  readonly efficiency: number;
  readonly class: string;
  readonly identification: ClassIdentification;
  /** Validator time to check one challenge: proofs plus float64 recomputation of the audited rows. */
  readonly verifyMs: number;
  readonly verification: Pick<VerificationResult, 'passed' | 'reason' | 'medianResidual' | 'maxResidual'>;
  /** Validator operations per miner FLOP. */
  readonly validatorCostRatio: number;
  readonly workloadMs: readonly number[];
  readonly referenceMs: readonly number[];
  /** Miner-side time to build the Merkle commitment over the output. */
  readonly commitMs: number;
  readonly sessionCreateMs: number;
}

/**
 * What a miner runs before going live: the PoG workload on its device, the same-shape
 * reference GEMM measured in the same run, and one full commit → audit → verify round trip,
 * so it sees the throughput, the efficiency, the class it would be identified as and what a
 * validator pays to check it.
 */
export async function runPogBench(options: PogBenchOptions): Promise<PogBenchReport> {
  const progress = options.onProgress ?? (() => undefined);
  const { params } = options;
  const flops = workloadFlops(params);
  progress(`starting onnxruntime on ${options.device}${options.threads ? ` with ${options.threads} threads` : ''}`);
  const runner = await WorkloadRunner.start({ device: options.device, deviceId: options.deviceId, threads: options.threads, logger: options.logger });
  try {
    progress(`workload: ${params.rows} rows × width ${params.width}, depth ${params.depth}, ${params.datapath} (${(flops / 1e9).toFixed(1)} GFLOP per run)`);
    const warm = await runner.runWorkload(randomBytes(32), params);
    const workloadMs: number[] = [];
    let last = warm;
    let seed = randomBytes(32);
    for (let i = 0; i < options.repeat; i++) {
      seed = randomBytes(32);
      last = await runner.runWorkload(seed, params);
      workloadMs.push(last.timings.generateAndComputeMs);
      progress(`  workload run ${i + 1}/${options.repeat}: ${workloadMs[i]!.toFixed(1)} ms`);
    }

    const referenceParams = { ...params, rows: Math.min(params.rows, REFERENCE_MAX_ROWS) };
    progress(`reference GEMM: the same shapes as plain MatMuls${referenceParams.rows < params.rows ? ` (${referenceParams.rows} rows)` : ''}`);
    const gemmModel = buildReferenceGemmModel(referenceParams);
    const gemmFeeds = referenceGemmFeeds(referenceParams);
    await runner.run(gemmModel, gemmFeeds, [REFERENCE_GEMM_OUTPUT]);
    const referenceMs: number[] = [];
    for (let i = 0; i < options.repeat; i++) {
      const { timings } = await runner.run(gemmModel, gemmFeeds, [REFERENCE_GEMM_OUTPUT]);
      referenceMs.push(timings.runMs);
      progress(`  reference run ${i + 1}/${options.repeat}: ${referenceMs[i]!.toFixed(1)} ms`);
    }

    progress(`commit, audit ${params.auditRows} rows, verify`);
    const challengeId = randomBytes(32);
    const commitStarted = performance.now();
    const tree = buildCommitment(challengeId, last.output, params);
    const commitMs = performance.now() - commitStarted;
    const auditRows = chooseAuditRows(params.rows, params.auditRows);
    const openings = leavesForRows(auditRows, params.rowsPerLeaf).map((leaf) => openLeaf(tree, leaf));
    const verification = await verifyAudit(
      { challengeId, seed, params, root: tree.root, auditRows, openings },
      ortReferencePair(runner),
    );

    const gflops = flops / medianMs(workloadMs) / 1e6;
    const referenceGflops = workloadFlops(referenceParams) / medianMs(referenceMs) / 1e6;
    const identification = identifyClass(gflops / 1000, params.datapath);
    return {
      device: options.device,
      params,
      flops,
      gflops,
      referenceGflops,
      efficiency: gflops / referenceGflops,
      class: identification.class,
      identification,
      verifyMs: verification.verifyMs,
      verification: {
        passed: verification.passed,
        reason: verification.reason,
        medianResidual: verification.medianResidual,
        maxResidual: verification.maxResidual,
      },
      validatorCostRatio: validatorCostRatio(params),
      workloadMs,
      referenceMs,
      commitMs,
      sessionCreateMs: warm.timings.sessionCreateMs,
    };
  } finally {
    await runner.close();
  }
}
