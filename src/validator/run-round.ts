import { performance } from 'node:perf_hooks';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../logging';
import {
  hexToBytes,
  hrtimeClock,
  identifyClass,
  jsReferencePair,
  measuredThroughput,
  verifyAudit,
  workloadFlops,
  type RandomBytes,
  type ReferencePairFn,
  type WorkloadParams,
} from '../pog';
import { exchangeWithMiner, type Exchange, type MeasurementOptions } from './miner-exchange';
import type { MinerResult } from './miner-result';
import type { MinerTarget } from './targets';

/** A round's limits: every miner measured as `MeasurementOptions` says, at once, within one window. */
export interface RoundLimits extends MeasurementOptions {
  /** Miners challenged at once (bounded concurrency). */
  readonly concurrency: number;
  /** The round's window: no request is started after it, and every request ends by it. */
  readonly windowMs: number;
}

export interface RoundOptions extends RoundLimits {
  readonly signer: KeyringPair;
  readonly reference?: ReferencePairFn;
  readonly randomBytes?: RandomBytes;
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
  readonly logger: Logger;
}

export interface RoundSummary {
  readonly results: MinerResult[];
  /** Wall time of the exchange phase (all miners, in parallel) and of verification (sequential). */
  readonly exchangeMs: number;
  readonly verifyMs: number;
}

/** Runs `tasks` with at most `limit` in flight; results in input order. */
export async function boundedMap<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * One round over every target. Two phases, so the validator's own load never counts against a
 * miner: first every miner is measured in the same window (bounded concurrency), each with its
 * own back-to-back loop of challenges (sustained throughput, see exchangeWithMiner) in which only
 * the network exchange runs, timed per challenge on the monotonic clock; then, with every
 * commitment and opening in hand, all the audits are verified one after the other. One failed
 * challenge fails the miner; a verification failure is final (never retried).
 */
export async function runRound(targets: readonly MinerTarget[], options: RoundOptions): Promise<RoundSummary> {
  const log = options.logger;
  const deadline = Number(hrtimeClock()) / 1e6 + options.windowMs;
  const exchangeStart = performance.now();
  const exchanges = await boundedMap(targets, options.concurrency, (target) =>
    exchangeWithMiner(target, {
      signer: options.signer,
      params: options.params,
      device: options.device,
      deadline,
      pingTimeoutMs: options.pingTimeoutMs,
      challengeTimeoutMs: options.challengeTimeoutMs,
      auditTimeoutMs: options.auditTimeoutMs,
      measureWindowMs: options.measureWindowMs,
      minChallenges: options.minChallenges,
      maxChallenges: options.maxChallenges,
      randomBytes: options.randomBytes,
      retryDelayMs: options.retryDelayMs,
      signal: options.signal,
    }).catch(
      (error: unknown): Exchange => ({
        target,
        outcome: 'unavailable',
        code: 'error',
        reason: (error as Error).message,
        challenge: { version: 1, challengeId: '', seed: '', params: options.params, issuedAtMs: 0 },
        rttMs: null,
        elapsedMs: null,
        root: null,
        samples: [],
        attempts: 1,
      }),
    ),
  );
  const exchangeMs = performance.now() - exchangeStart;
  const verifyStart = performance.now();
  const results: MinerResult[] = [];
  for (const ex of exchanges) {
    const result = await verifyExchange(ex, options.params, options.reference ?? jsReferencePair);
    log.info({ uid: result.uid, hotkey: result.hotkey, outcome: result.outcome, code: result.code, tflops: result.tflops, class: result.class, rttMs: result.rttMs, elapsedMs: result.elapsedMs, challenges: result.challenges, attempts: result.attempts }, result.reason);
    results.push(result);
  }
  return { results, exchangeMs, verifyMs: performance.now() - verifyStart };
}

async function verifyExchange(ex: Exchange, params: WorkloadParams, reference: ReferencePairFn): Promise<MinerResult> {
  const base = {
    uid: ex.target.uid,
    hotkey: ex.target.hotkey,
    challengeId: ex.outcome === 'committed' ? (ex.samples[0]?.challenge.challengeId ?? ex.challenge.challengeId) : ex.challenge.challengeId,
    root: ex.root,
    rttMs: ex.rttMs,
    elapsedMs: ex.elapsedMs,
    challenges: ex.samples.length,
    attempts: ex.attempts,
  };
  if (ex.outcome !== 'committed' || ex.samples.length === 0 || ex.rttMs === null) {
    return { ...base, outcome: ex.outcome === 'committed' ? 'failed' : ex.outcome, passed: false, code: ex.code, reason: ex.reason, tflops: 0, class: null, verifyMs: 0 };
  }
  // Every kept audit is verified: one failed challenge fails the miner.
  let verifyMs = 0;
  let verified = '';
  for (const [i, sample] of ex.samples.entries()) {
    const which = ex.samples.length > 1 ? `challenge ${i + 1} of ${ex.samples.length}: ` : '';
    let verification;
    try {
      verification = await verifyAudit(
        {
          challengeId: hexToBytes(sample.challenge.challengeId, 32),
          seed: hexToBytes(sample.challenge.seed, 32),
          params,
          root: hexToBytes(sample.root, 32),
          auditRows: sample.auditRows,
          openings: sample.openings,
        },
        reference,
      );
    } catch (error) {
      // Openings of the wrong shape and the like: the miner's answer, not the validator, is at fault.
      return { ...base, challengeId: sample.challenge.challengeId, root: sample.root, outcome: 'failed', passed: false, code: 'invalid-opening', reason: `${which}verification refused the openings: ${(error as Error).message}`, tflops: 0, class: null, verifyMs };
    }
    verifyMs += verification.verifyMs;
    if (!verification.passed) {
      return { ...base, challengeId: sample.challenge.challengeId, root: sample.root, outcome: 'failed', passed: false, code: verification.failure ?? 'failed', reason: `${which}${verification.reason}`, tflops: 0, class: null, verifyMs };
    }
    verified = verification.reason;
  }
  // Sustained throughput: Σ FLOPs / Σ (elapsed − RTT), each interval floored as measuredThroughput does.
  // The first challenge of the loop is audited but not timed when others follow: a miner's first
  // challenge can find its device idle even when the device is shared with other hotkeys (it
  // would then look up to twice as fast), and it pays any session warm-up. Steady state is what
  // the miner actually sells.
  const n = ex.samples.length;
  const timed = n >= 2 ? ex.samples.slice(1) : ex.samples;
  const computeMs = timed.reduce((sum, s) => sum + measuredThroughput({ flops: 1, elapsedMs: s.elapsedMs, rttMs: ex.rttMs! }).computeMs, 0);
  const throughput = measuredThroughput({ flops: workloadFlops(params) * timed.length, elapsedMs: computeMs, rttMs: 0 });
  const identified = identifyClass(throughput.tflops, params.datapath);
  return {
    ...base,
    outcome: 'passed',
    passed: true,
    code: 'verified',
    reason: `${n} challenge${n === 1 ? '' : 's'} verified (last: ${verified}); ${throughput.tflops.toPrecision(4)} TFLOP/s sustained over ${throughput.computeMs.toFixed(1)} ms; ${identified.reason}`,
    tflops: throughput.tflops,
    class: identified.class,
    verifyMs,
  };
}
