import { performance } from 'node:perf_hooks';
import {
  auditResponseBytesFor,
  buildCommitment,
  bytesToHex,
  encodeOpening,
  hexToBytes,
  leafCount,
  leavesForRows,
  MAX_AUDIT_RESPONSE_BYTES,
  MAX_TIMING_MS,
  openLeaf,
  PROTOCOL_VERSION,
  RunnerClosedError,
  serialiseMessage,
  type AuditRequest,
  type Challenge,
  type Commitment,
  type MinerTimings,
  type RunnerDevice,
  type WorkloadParams,
  type WorkloadResult,
} from '../pog';
import type { Logger } from '../logging';
import { DeviceBusyError, MinerStoppingError, QueueAbortedError, RunDeadlineError } from './errors';
import { ClientGoneError } from './http/rejection';
import { Refusal } from './refusal';
import type { MinerMetrics } from './metrics/miner-metrics';
import type { CommittedChallenges } from './scheduling/committed-challenges';
import type { DeviceQueue } from './scheduling/device-queue';
import { withDeadline } from './scheduling/with-deadline';
import { checkWorkBounds, type AcceptedWork, type WorkBoundsOptions } from './work-bounds';

/**
 * Runs one workload on the device (WorkloadRunner.runWorkload, or a stand-in in tests).
 * `deadlineMs` is the wall time the run has; an implementation that can stop a run (kill its
 * runner) should do so past it. The device counts as busy until the returned promise settles.
 */
export type RunWorkload = (seed: Uint8Array, params: WorkloadParams, options?: { readonly deadlineMs: number }) => Promise<WorkloadResult>;

export interface ChallengeServiceOptions {
  readonly device: RunnerDevice;
  readonly runWorkload: RunWorkload;
  readonly queue: DeviceQueue;
  readonly committed: CommittedChallenges;
  readonly metrics: MinerMetrics;
  readonly logger: Logger;
  /** Memory and time bounds every challenge is checked against before it takes a queue place. */
  readonly bounds: WorkBoundsOptions;
}

/** What the miner learnt while handling one challenge, for logs and the bench. */
export interface ChallengeOutcome {
  readonly commitment: Commitment;
  readonly queueMs: number;
  readonly workloadMs: number;
  readonly hashMs: number;
  readonly totalMs: number;
}

const yieldToQueued = () => new Promise<void>((resolve) => setImmediate(resolve));

const clampMs = (ms: number) => Math.min(MAX_TIMING_MS, Math.max(0, Math.round(ms * 1000) / 1000));

/**
 * The PoG exchange on the miner's side, without the transport: a challenge waits for the
 * device (bounded, stake-ordered queue), runs in the runner's worker thread, is committed to
 * with a Merkle tree kept for the audit; an audit opens the leaves holding the asked rows.
 */
export class ChallengeService {
  constructor(private readonly options: ChallengeServiceOptions) {}

  /** Refuses a challenge this miner cannot or will not run, before it takes a queue place; returns its estimate and deadline. */
  check(challenge: Challenge): AcceptedWork {
    const { params } = challenge;
    if (challenge.device !== undefined && challenge.device !== this.options.device) {
      throw new Refusal('wrong_device', `this miner serves challenges on ${this.options.device}, not ${challenge.device}`);
    }
    if (auditResponseBytesFor(params) > MAX_AUDIT_RESPONSE_BYTES) {
      throw new Refusal('unauditable_params', `an audit of these parameters could exceed ${MAX_AUDIT_RESPONSE_BYTES} bytes, so they cannot be audited`);
    }
    return checkWorkBounds(params, this.options.bounds);
  }

  /**
   * Runs `challenge` for `validator` and returns the commitment. `signal` aborts when the
   * client goes away: a queued challenge leaves the queue at once; a running one finishes
   * (onnxruntime cannot be interrupted safely), frees the device and is discarded.
   */
  async run(validator: string, challenge: Challenge, priority: bigint, signal?: AbortSignal): Promise<ChallengeOutcome> {
    const { metrics, logger } = this.options;
    const started = performance.now();
    const accepted = this.check(challenge);
    let slot;
    try {
      slot = await this.options.queue.acquire({ owner: validator, priority, signal });
    } catch (error) {
      if (error instanceof DeviceBusyError) throw new Refusal('busy', error.message);
      if (error instanceof MinerStoppingError) throw new Refusal('shutting_down', error.message);
      if (error instanceof QueueAbortedError) {
        metrics.challenges.inc({ outcome: 'aborted' });
        logger.info({ validator, challengeId: challenge.challengeId.slice(0, 16) }, 'validator left while its challenge was queued; dropped');
        throw new ClientGoneError(error.message);
      }
      throw error;
    }
    metrics.queueWait.observe(slot.waitedMs / 1000);
    let result: WorkloadResult;
    let hashMs: number;
    let tree;
    let overran = false;
    try {
      const running = this.options.runWorkload(hexToBytes(challenge.seed, 32), challenge.params, { deadlineMs: accepted.deadlineMs });
      try {
        result = await withDeadline(running, accepted.deadlineMs, () => {
          overran = true;
          // The device is not free until the run has really ended (its runner killed, or onnxruntime returned).
          void running.then(() => slot.release(), () => slot.release());
        });
      } finally {
        // The device is free once the run is done: the next challenge computes while this one is hashed.
        if (!overran) slot.release();
      }
      // Let the next queued challenge reach the device before this thread is busy hashing: its
      // grant and dispatch are promise continuations, which would otherwise wait for the hash.
      await yieldToQueued();
      const hashStarted = performance.now();
      tree = buildCommitment(hexToBytes(challenge.challengeId, 32), result.output, challenge.params);
      hashMs = performance.now() - hashStarted;
    } catch (error) {
      metrics.challenges.inc({ outcome: 'failed' });
      logger.error({ validator, challengeId: challenge.challengeId.slice(0, 16), err: (error as Error).message }, 'challenge run failed');
      if (error instanceof RunDeadlineError) {
        throw new Refusal('run_deadline', error.message, {}, { bound: { name: 'wall_seconds', unit: 'seconds', value: accepted.deadlineMs / 1000, limit: accepted.deadlineMs / 1000, estimate: accepted.seconds } });
      }
      if (error instanceof RunnerClosedError) throw new Refusal('runner_unavailable', `the runner is not available: ${error.message}`);
      throw new Refusal('run_failed', `the workload failed on this miner: ${(error as Error).message}`);
    }
    metrics.workloadDuration.observe(result.timings.generateAndComputeMs / 1000);
    const totalMs = performance.now() - started;
    if (signal?.aborted) {
      metrics.challenges.inc({ outcome: 'aborted' });
      logger.info({ validator, challengeId: challenge.challengeId.slice(0, 16), totalMs }, 'validator left during its challenge; result discarded');
      throw new ClientGoneError('the validator left during the challenge');
    }
    this.options.committed.add({ validator, challengeId: challenge.challengeId, params: challenge.params, tree, committedAtMs: Date.now() });
    metrics.committedBytes.set(this.options.committed.bytes);
    const minerTimings: MinerTimings = {
      sessionCreateMs: clampMs(result.timings.sessionCreateMs),
      runMs: clampMs(result.timings.generateAndComputeMs),
      hashMs: clampMs(hashMs),
      totalMs: clampMs(totalMs),
    };
    const commitment: Commitment = {
      version: PROTOCOL_VERSION,
      challengeId: challenge.challengeId,
      root: bytesToHex(tree.root),
      leafCount: leafCount(challenge.params),
      minerTimings,
    };
    metrics.challenges.inc({ outcome: 'served' });
    metrics.challengeDuration.observe(totalMs / 1000);
    logger.info(
      { validator, challengeId: challenge.challengeId.slice(0, 16), rows: challenge.params.rows, width: challenge.params.width, depth: challenge.params.depth, queueMs: slot.waitedMs, workloadMs: result.timings.generateAndComputeMs, hashMs, totalMs },
      'challenge committed',
    );
    return { commitment, queueMs: slot.waitedMs, workloadMs: result.timings.generateAndComputeMs, hashMs, totalMs };
  }

  /** The openings for an audit of a challenge this validator sent, as the serialised response body. */
  audit(validator: string, request: AuditRequest): string {
    const entry = this.options.committed.get(validator, request.challengeId);
    if (!entry) {
      this.options.metrics.audits.inc({ outcome: 'unknown' });
      throw new Refusal('unknown_challenge', 'no commitment to this challenge for this validator is held (never sent, another validator\'s, or expired)');
    }
    const bad = request.rows.find((row) => row >= entry.params.rows);
    if (bad !== undefined) {
      this.options.metrics.audits.inc({ outcome: 'invalid' });
      throw new Refusal('row_out_of_range', `row ${bad} is outside 0..${entry.params.rows - 1}`);
    }
    const openings = leavesForRows(request.rows, entry.params.rowsPerLeaf).map((leaf) => encodeOpening(openLeaf(entry.tree, leaf)));
    const body = serialiseMessage('auditResponse', { version: PROTOCOL_VERSION, challengeId: request.challengeId, openings });
    this.options.metrics.audits.inc({ outcome: 'answered' });
    return body;
  }
}
