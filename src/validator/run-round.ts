import { performance } from 'node:perf_hooks';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../logging';
import {
  hexToBytes,
  hrtimeClock,
  identifyClass,
  jsReferencePair,
  verifyAudit,
  windowThroughput,
  workloadFlops,
  PROTOCOL_VERSION,
  type Challenge,
  type RandomBytes,
  type ReferencePairFn,
  type WorkloadParams,
} from '../pog';
import { exchangeWithMiner, type Exchange, type MeasurementOptions } from './miner-exchange';
import type { MinerResult } from '../records';
import type { MinerTarget } from './targets';

/** A round's limits: every miner measured as `MeasurementOptions` says, at once, within one window. */
export interface RoundLimits extends MeasurementOptions {
  /**
   * Hard bound on the miners measured in one round, all at once. Miners beyond it (the highest
   * uids) are not measured: 'unavailable' (`over_concurrency`), never a later batch, which would
   * give each batch a device to itself.
   */
  readonly concurrency: number;
  /** The round's window: every request, audits included, ends by it. */
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

const noChallenge = (params: WorkloadParams): Challenge => ({ version: PROTOCOL_VERSION, challengeId: '', seed: '', params, issuedAtMs: 0 });

/**
 * One round over every target. Two phases, so the validator's own load never counts against a
 * miner: first every miner (up to `concurrency`) is measured in the same window, all windows
 * opened together, each a fixed validator-clocked window of pipelined challenges (see
 * exchangeWithMiner) in which only the network exchange runs; then, with every commitment and
 * opening in hand, all the audits are verified one after the other. One failed challenge fails
 * the miner; a verification failure is final (never retried).
 */
export async function runRound(targets: readonly MinerTarget[], options: RoundOptions): Promise<RoundSummary> {
  const log = options.logger;
  const deadline = Number(hrtimeClock()) / 1e6 + options.windowMs;
  const exchangeStart = performance.now();
  const bound = Math.max(1, options.concurrency);
  const byUid = [...targets].sort((a, b) => a.uid - b.uid);
  const measured = byUid.slice(0, bound);
  const skipped = byUid.slice(bound).map(
    (target): Exchange => ({
      target,
      outcome: 'unavailable',
      code: 'over_concurrency',
      reason: `not measured: more serving miners than this validator measures at once (${bound}); miners are never measured in separate batches`,
      challenge: noChallenge(options.params),
      windowMs: null,
      samples: [],
      attempts: 0,
    }),
  );
  // Every window opens now, together: hotkeys sharing a device share it inside one window.
  const exchanges = await Promise.all(
    measured.map((target) =>
      exchangeWithMiner(target, {
        signer: options.signer,
        params: options.params,
        device: options.device,
        deadline,
        challengeTimeoutMs: options.challengeTimeoutMs,
        auditTimeoutMs: options.auditTimeoutMs,
        measureWindowMs: options.measureWindowMs,
        minChallenges: options.minChallenges,
        maxChallenges: options.maxChallenges,
        pipelineDepth: options.pipelineDepth,
        randomBytes: options.randomBytes,
        retryDelayMs: options.retryDelayMs,
        signal: options.signal,
      }).catch(
        (error: unknown): Exchange => ({
          target,
          outcome: 'unavailable',
          code: 'error',
          reason: (error as Error).message,
          challenge: noChallenge(options.params),
          windowMs: null,
          samples: [],
          attempts: 1,
        }),
      ),
    ),
  );
  const exchangeMs = performance.now() - exchangeStart;
  const verifyStart = performance.now();
  const results: MinerResult[] = [];
  const order = new Map(targets.map((t, i) => [t, i]));
  for (const ex of [...exchanges, ...skipped].sort((a, b) => order.get(a.target)! - order.get(b.target)!)) {
    const result = await verifyExchange(ex, options.params, options.reference ?? jsReferencePair);
    log.info({ uid: result.uid, hotkey: result.hotkey, outcome: result.outcome, code: result.code, tflops: result.tflops, class: result.class, windowMs: result.windowMs, challenges: result.challenges, attempts: result.attempts }, result.reason);
    results.push(result);
  }
  return { results, exchangeMs, verifyMs: performance.now() - verifyStart };
}

async function verifyExchange(ex: Exchange, params: WorkloadParams, reference: ReferencePairFn): Promise<MinerResult> {
  const counted = ex.samples.filter((s) => s.counted);
  const base = {
    uid: ex.target.uid,
    hotkey: ex.target.hotkey,
    challengeId: ex.outcome === 'committed' ? (ex.samples[0]?.challenge.challengeId ?? ex.challenge.challengeId) : ex.challenge.challengeId,
    root: ex.outcome === 'committed' ? (ex.samples[0]?.root ?? null) : null,
    windowMs: ex.windowMs,
    challenges: counted.length,
    attempts: ex.attempts,
  };
  if (ex.outcome !== 'committed' || counted.length === 0 || ex.windowMs === null) {
    return { ...base, outcome: ex.outcome === 'committed' ? 'failed' : ex.outcome, passed: false, code: ex.code, reason: ex.reason, tflops: 0, class: null, verifyMs: 0 };
  }
  // Every opened challenge is verified, counted or not: one failed challenge fails the miner.
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
  // Verified FLOPs delivered inside the validator-clocked window, over that window (docs/pog.md, "Timing").
  const n = counted.length;
  const throughput = windowThroughput({ flops: workloadFlops(params) * n, windowMs: ex.windowMs });
  const identified = identifyClass(throughput.tflops, params.datapath);
  return {
    ...base,
    outcome: 'passed',
    passed: true,
    code: 'verified',
    reason: `${n} challenge${n === 1 ? '' : 's'} inside the window verified (last: ${verified}); ${throughput.tflops.toPrecision(4)} TFLOP/s over the ${(ex.windowMs / 1000).toFixed(2)} s window; ${identified.reason}`,
    tflops: throughput.tflops,
    class: identified.class,
    verifyMs,
  };
}
