import { randomBytes } from 'node:crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import {
  bytesToHex,
  chooseAuditRows,
  decodeOpening,
  hrtimeClock,
  leafCount,
  MAX_AUDIT_RESPONSE_BYTES,
  MAX_COMMITMENT_BYTES,
  PROTOCOL_VERSION,
  validateMessage,
  type Challenge,
  type Opening,
  type RandomBytes,
  type WorkloadParams,
} from '../pog';
import { ProtocolError, RemoteError, signedFetch } from '../protocol';
import type { MinerTarget } from './targets';

/** How one miner's exchange (its whole measurement loop) ended before verification. */
export type ExchangeOutcome =
  /** At least `minChallenges` commitments with their openings received: ready for verifyAudit. */
  | 'committed'
  /** The miner committed and then broke the protocol (garbage, refused or failed to open), or answered garbage: a failed challenge. */
  | 'failed'
  /** The miner could not be reached, did not answer in time, or refused the request: no measurement. */
  | 'unavailable';

/** One timed challenge of a miner's measurement loop, committed and opened (not yet verified). */
export interface ChallengeSample {
  readonly challenge: Challenge;
  /** Validator-measured time from sending the challenge to receiving the commitment. */
  readonly elapsedMs: number;
  readonly root: string;
  readonly auditRows: readonly number[];
  readonly openings: readonly Opening[];
}

export interface Exchange {
  readonly target: MinerTarget;
  readonly outcome: ExchangeOutcome;
  /** Short machine-readable token: `committed`, `timeout`, `transport`, `busy`, `bad_commitment`, … */
  readonly code: string;
  readonly reason: string;
  /** The last challenge issued (the failing one when the outcome is `failed`). */
  readonly challenge: Challenge;
  readonly rttMs: number | null;
  /** Σ of the samples' elapsed times (null when none completed). */
  readonly elapsedMs: number | null;
  /** The first sample's root (null when none completed). */
  readonly root: string | null;
  /** Every challenge committed and opened within the measurement window, in order. */
  readonly samples: readonly ChallengeSample[];
  /** Requests made (transport errors are retried within the window). */
  readonly attempts: number;
}

/** How one miner is measured: what is asked of it, and the timing and count limits. Shared by the exchange, the round and the validator. */
export interface MeasurementOptions {
  readonly params: WorkloadParams;
  /** The device challenges are issued for (the miner refuses another); absent: any. */
  readonly device?: 'cpu' | 'cuda';
  readonly pingTimeoutMs: number;
  readonly challengeTimeoutMs: number;
  readonly auditTimeoutMs: number;
  /**
   * Sustained measurement: challenges are sent back to back (one in flight) until this long has
   * passed since the first was sent, or `maxChallenges` were committed. Default 10 s.
   */
  readonly measureWindowMs?: number;
  /** Fewer committed challenges than this is no measurement ('unavailable'). Default 2. */
  readonly minChallenges?: number;
  /** At most this many challenges per miner per round. Default 3 (verification cost: every one is verified). */
  readonly maxChallenges?: number;
}

export interface ExchangeOptions extends MeasurementOptions {
  readonly signer: KeyringPair;
  /** Monotonic ms (performance.now scale) after which nothing more is sent: the round's window. */
  readonly deadline: number;
  readonly randomBytes?: RandomBytes;
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_MEASURE_WINDOW_MS = 10_000;
export const DEFAULT_MIN_CHALLENGES = 2;
export const DEFAULT_MAX_CHALLENGES = 3;

const nowMs = () => Number(hrtimeClock()) / 1e6;
const PING_MAX_BYTES = 4096;
/** A request is not started with less than this left in the window. */
const MIN_REQUEST_MS = 50;

/** A protocol violation after the miner committed: the challenge fails. */
class ExchangeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The miner refused the audit saying the validator's request was at fault: no measurement, not a failure. */
class ExchangeRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const isTransport = (e: unknown) => e instanceof ProtocolError && e.reason === 'transport';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Local checks of the miner's 2xx answer that failed: it answered, but garbage, unsigned, badly
 * signed or oversized. (The same tokens in a RemoteError are the miner's complaint about the
 * validator's request, which is not the miner's failure.)
 */
const BAD_ANSWER = new Set(['bad_signature', 'wrong_signer', 'bad_response', 'response_too_large', 'missing_header', 'malformed']);
/** A miner's 4xx saying the validator's request was at fault (headers, signature, clock, allowlist, size). */
const REQUEST_FAULT = new Set(['missing_header', 'malformed', 'bad_receiver', 'bad_signature', 'stale', 'replayed', 'not_allowed', 'body_too_large']);

/** 'failed' for a bad answer by the miner; 'unavailable' for a refusal (RemoteError), a timeout or a transport error. */
function classify(error: unknown): ExchangeOutcome {
  if (error instanceof RemoteError) return 'unavailable';
  return error instanceof ProtocolError && BAD_ANSWER.has(error.reason) ? 'failed' : 'unavailable';
}

function newChallenge(params: WorkloadParams, device: 'cpu' | 'cuda' | undefined, random: RandomBytes): Challenge {
  return {
    version: PROTOCOL_VERSION,
    challengeId: bytesToHex(random(32)),
    seed: bytesToHex(random(32)),
    params,
    ...(device ? { device } : {}),
    issuedAtMs: Date.now(),
  };
}

/**
 * One miner's part of a round, without verification: a ping (RTT), then a sustained measurement
 * loop. Each iteration sends a challenge timed on the validator's monotonic clock (send →
 * commitment); when the commitment arrives the validator draws audit rows from the CSPRNG, asks
 * at once for the audit (untimed) and keeps the openings, and sends the next challenge at the
 * same moment. So the miner always has exactly one of this validator's challenges in flight,
 * back to back, for `measureWindowMs` (or `maxChallenges`), and at most two committed ones held
 * (the miner's `auditPerValidator` default): a device shared by several hotkeys serves their
 * interleaved challenges and each sees its share of the time. (Were the audit awaited before the
 * next challenge, its round trip would leave the device to the other hotkey for free and the
 * pair would show well over one device.) Every request is signed, size-bounded and bounded in
 * time by the round's window.
 *
 * Transport errors (connection refused or reset) before the first commitment are retried with a
 * fresh challenge while the window lasts; after one, a transport error, timeout or refusal ends
 * the loop, and what completed counts only if at least `minChallenges` did. A bad answer (garbage,
 * bad signature, bad commitment, failure to open) fails the miner at once.
 */
export async function exchangeWithMiner(target: MinerTarget, options: ExchangeOptions): Promise<Exchange> {
  const random = options.randomBytes ?? ((n: number) => randomBytes(n));
  const retryDelayMs = options.retryDelayMs ?? 250;
  const measureWindowMs = options.measureWindowMs ?? DEFAULT_MEASURE_WINDOW_MS;
  const maxChallenges = Math.max(1, options.maxChallenges ?? DEFAULT_MAX_CHALLENGES);
  const minChallenges = Math.min(maxChallenges, Math.max(1, options.minChallenges ?? DEFAULT_MIN_CHALLENGES));
  let attempts = 0;
  let challenge = newChallenge(options.params, options.device, random);
  const samples: ChallengeSample[] = [];
  const timeLeft = () => options.deadline - nowMs();
  const call = (path: string, json: unknown, timeoutMs: number, maxResponseBytes: number) =>
    signedFetch({ url: target.url, path, json, signer: options.signer, receiver: target.hotkey, timeoutMs: Math.max(1, Math.min(timeoutMs, timeLeft())), maxResponseBytes, signal: options.signal });
  const done = (outcome: ExchangeOutcome, code: string, reason: string, rttMs: number | null): Exchange => ({
    target,
    outcome,
    code,
    reason,
    challenge,
    rttMs,
    elapsedMs: samples.length ? samples.reduce((sum, s) => sum + s.elapsedMs, 0) : null,
    root: samples[0]?.root ?? null,
    samples,
    attempts,
  });
  /** The loop ended early: what completed counts if there is enough of it. */
  const endEarly = (rttMs: number | null, code: string, reason: string): Exchange =>
    samples.length >= minChallenges
      ? done('committed', 'committed', `${samples.length} challenges committed and opened (the loop ended early: ${reason})`, rttMs)
      : done('unavailable', code, samples.length ? `${reason} (after ${samples.length} of at least ${minChallenges} challenges)` : reason, rttMs);

  let rttMs: number | null = null;
  let measureStart: number | null = null;
  let lastCycleMs = 0;
  let lastTransport: ProtocolError | undefined;
  // The audit of the last commitment runs while the next challenge is timed (see above).
  type Settled = { ok: true; sample: ChallengeSample } | { ok: false; error: unknown; challenge: Challenge };
  let pendingAudit: Promise<Settled> | null = null;
  const committed = () => samples.length + (pendingAudit ? 1 : 0);
  /** Waits for the audit in flight; null when it opened, else the loop's end. */
  const settleAudit = async (): Promise<Exchange | null> => {
    if (!pendingAudit) return null;
    const settled = await pendingAudit;
    pendingAudit = null;
    if (settled.ok) {
      samples.push(settled.sample);
      return null;
    }
    const { error } = settled;
    challenge = settled.challenge;
    if (error instanceof ExchangeRefusal) return endEarly(rttMs, error.code, error.message);
    const failure = error instanceof ExchangeFailure ? error : new ExchangeFailure('error', (error as Error).message);
    return done('failed', failure.code, failure.message, rttMs);
  };
  for (;;) {
    // Enough? The window is a target; `minChallenges` is pursued while the round's window lasts.
    const n = committed();
    if (n >= maxChallenges) break;
    if (measureStart !== null && n >= minChallenges && nowMs() - measureStart >= measureWindowMs) break;
    if (timeLeft() < MIN_REQUEST_MS + (n >= minChallenges ? lastCycleMs : 0)) {
      if (n >= minChallenges) break;
      const settled = await settleAudit();
      if (settled) return settled;
      if (lastTransport && samples.length === 0) return endEarly(null, lastTransport.reason, `${lastTransport.message} (${attempts} attempts within the window)`);
      return endEarly(rttMs, 'window_closed', 'the round window closed before the miner could be challenged');
    }
    const issued = newChallenge(options.params, options.device, random);
    challenge = issued;
    attempts++;
    let commitmentBody: unknown;
    let elapsedMs: number;
    const cycleStart = nowMs();
    try {
      if (rttMs === null) {
        const pingStart = nowMs();
        await call('/ping', {}, options.pingTimeoutMs, PING_MAX_BYTES);
        rttMs = nowMs() - pingStart;
      }
      const start = nowMs();
      measureStart ??= start;
      const answer = await call('/challenge', issued, options.challengeTimeoutMs, MAX_COMMITMENT_BYTES);
      elapsedMs = nowMs() - start;
      commitmentBody = answer.body;
    } catch (error) {
      // The previous challenge's audit first: its failure outranks this challenge's error.
      const settled = await settleAudit();
      if (settled) return settled;
      challenge = issued;
      if (isTransport(error) && samples.length === 0 && timeLeft() > retryDelayMs + MIN_REQUEST_MS) {
        // Retried from scratch: a new ping, a fresh challenge.
        lastTransport = error as ProtocolError;
        rttMs = null;
        measureStart = null;
        await sleep(Math.min(retryDelayMs * 2 ** Math.min(attempts - 1, 4), Math.max(0, timeLeft() - MIN_REQUEST_MS)));
        continue;
      }
      const code = error instanceof ProtocolError ? error.reason : 'error';
      const message = error instanceof RemoteError ? `the miner refused the request: ${error.message}` : (error as Error).message;
      // A 2xx that is not signed by the miner, or garbage, on ping or challenge: the miner broke the protocol.
      if (classify(error) === 'failed') return done('failed', code, message, rttMs);
      return endEarly(rttMs, code, message);
    }
    const settled = await settleAudit();
    if (settled) return settled;
    // Check the commitment, choose the rows now, and ask for the audit at once (untimed; retried
    // on transport errors only) while the next challenge goes out.
    const commitment = commitmentBody;
    const elapsed = elapsedMs;
    pendingAudit = auditChallenge(issued, commitment, elapsed).then(
      (sample): Settled => ({ ok: true, sample }),
      (error: unknown): Settled => ({ ok: false, error, challenge: issued }),
    );
    lastCycleMs = nowMs() - cycleStart;
  }
  const settled = await settleAudit();
  if (settled) return settled;
  return done('committed', 'committed', `${samples.length} challenges committed and opened`, rttMs);

  async function auditChallenge(issued: Challenge, commitmentBody: unknown, elapsedMs: number): Promise<ChallengeSample> {
    let commitment;
    try {
      commitment = validateMessage('commitment', commitmentBody);
    } catch (error) {
      throw new ExchangeFailure('bad_commitment', (error as Error).message);
    }
    if (commitment.challengeId !== issued.challengeId) throw new ExchangeFailure('bad_commitment', 'the commitment names another challenge');
    if (commitment.leafCount !== leafCount(options.params)) throw new ExchangeFailure('bad_commitment', `the commitment has ${commitment.leafCount} leaves, expected ${leafCount(options.params)}`);
    const root = commitment.root;
    const auditRows = chooseAuditRows(options.params.rows, options.params.auditRows, random);
    const request = { version: PROTOCOL_VERSION, challengeId: issued.challengeId, rows: auditRows };
    let auditBody: unknown;
    for (;;) {
      try {
        auditBody = (await call('/audit', request, options.auditTimeoutMs, MAX_AUDIT_RESPONSE_BYTES)).body;
        break;
      } catch (error) {
        attempts++;
        if (isTransport(error) && timeLeft() > retryDelayMs + MIN_REQUEST_MS) {
          await sleep(retryDelayMs);
          continue;
        }
        if (error instanceof RemoteError && REQUEST_FAULT.has(error.reason)) {
          throw new ExchangeRefusal(`audit_${error.reason}`, `the miner refused the audit request: ${error.message}`);
        }
        throw new ExchangeFailure(error instanceof ProtocolError ? `audit_${error.reason}` : 'audit_error', `committed but did not open the audited rows: ${(error as Error).message}`);
      }
    }
    let openings: Opening[];
    try {
      const response = validateMessage('auditResponse', auditBody);
      if (response.challengeId !== issued.challengeId) throw new Error('the audit response names another challenge');
      openings = response.openings.map(decodeOpening);
    } catch (error) {
      throw new ExchangeFailure('bad_audit_response', (error as Error).message);
    }
    return { challenge: issued, elapsedMs, root, auditRows, openings };
  }
}
