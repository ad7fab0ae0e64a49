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
  MAX_UNOPENED_CHALLENGES,
  PROTOCOL_VERSION,
  validateMessage,
  type Challenge,
  type Commitment,
  type Opening,
  type RandomBytes,
  type WorkloadParams,
} from '../pog';
import { ProtocolError, RemoteError, signedFetch } from '../protocol';
import type { MinerTarget } from './targets';

/** How one miner's exchange (its whole measurement window) ended before verification. */
export type ExchangeOutcome =
  /** At least `minChallenges` commitments arrived inside the window and every commitment was opened: ready for verifyAudit. */
  | 'committed'
  /** The miner committed and then did not open (any refusal, error, silence, late or bad answer), or answered garbage: a failed challenge. */
  | 'failed'
  /** Too few commitments arrived inside the window (unreachable, refusing, too slow): no measurement. */
  | 'unavailable';

/** One challenge of a miner's window, committed and opened (not yet verified). */
export interface ChallengeSample {
  readonly challenge: Challenge;
  /** When the commitment arrived, ms after the window's start (validator's monotonic clock; informational). */
  readonly arrivedMs: number;
  /** It arrived inside the window, so its FLOPs count once verified. (A late one is still opened and verified.) */
  readonly counted: boolean;
  readonly root: string;
  readonly auditRows: readonly number[];
  readonly openings: readonly Opening[];
}

export interface Exchange {
  readonly target: MinerTarget;
  readonly outcome: ExchangeOutcome;
  /** Short machine-readable token: `committed`, `timeout`, `transport`, `busy`, `bad_commitment`, `audit_<reason>`, … */
  readonly code: string;
  readonly reason: string;
  /** The last challenge issued (the failing one when the outcome is `failed`). */
  readonly challenge: Challenge;
  /** The credited window: from sending the first challenge to the window's fixed end (null when it never opened). */
  readonly windowMs: number | null;
  /** Every challenge committed and opened, in the order the commitments arrived. */
  readonly samples: readonly ChallengeSample[];
  /** Challenge and audit requests made (lost challenges are replaced within the window). */
  readonly attempts: number;
}

/** How one miner is measured: what is asked of it, and the timing and count limits. Shared by the exchange, the round and the validator. */
export interface MeasurementOptions {
  readonly params: WorkloadParams;
  /** The device challenges are issued for (the miner refuses another); absent: any. */
  readonly device?: 'cpu' | 'cuda';
  readonly challengeTimeoutMs: number;
  /** An audit answer later than this after its request fails the challenge. */
  readonly auditTimeoutMs: number;
  /**
   * The fixed measurement window, from sending the miner's first challenge: only commitments
   * that arrive inside it count, and the credited throughput is their verified FLOPs / this
   * window. Default 10 s.
   */
  readonly measureWindowMs?: number;
  /** Fewer counted commitments than this is no measurement ('unavailable'). Default 1. */
  readonly minChallenges?: number;
  /**
   * At most this many challenges per miner per window (each is verified). It caps the credited
   * throughput at maxChallenges × FLOPs / window, so size the window for the fastest class. Default 8.
   */
  readonly maxChallenges?: number;
  /** Challenges kept outstanding at the miner (one running, the others queued behind it). Default and most: MAX_UNOPENED_CHALLENGES (4). */
  readonly pipelineDepth?: number;
}

export interface ExchangeOptions extends MeasurementOptions {
  readonly signer: KeyringPair;
  /** Monotonic ms (performance.now scale) by which every request, audits included, has ended: the round's window. */
  readonly deadline: number;
  readonly randomBytes?: RandomBytes;
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_MEASURE_WINDOW_MS = 10_000;
export const DEFAULT_MIN_CHALLENGES = 1;
export const DEFAULT_MAX_CHALLENGES = 8;
/**
 * As deep as the unopened bound allows: the miner's device then has up to three challenges
 * queued behind the running one, so a validator (or event loop, or link) late by up to three
 * challenges' compute does not idle it. Lanes beyond the room the bound leaves (audits still
 * unanswered take it) wait, so the depth adapts to the audit path by itself.
 */
export const DEFAULT_PIPELINE_DEPTH = MAX_UNOPENED_CHALLENGES;

const nowMs = () => Number(hrtimeClock()) / 1e6;
/** A challenge is not started with less than this left in the window. */
const MIN_REQUEST_MS = 50;

/** A protocol violation: the challenge (and the miner's round) fails. */
class ExchangeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly challenge: Challenge,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A count bounded by `limit` that lanes wait on: taken when a challenge is sent, given back once it is opened or lost. */
class UnopenedBound {
  private count = 0;
  private waiters: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  hasRoom(): boolean {
    return this.count < this.limit;
  }
  take(): void {
    this.count++;
  }
  give(): void {
    this.count--;
    this.wakeAll();
  }
  /** Resolves at the next give() or wakeAll() (the window closing, a failure). */
  nextOpened(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  wakeAll(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}

/**
 * Local checks of the miner's 2xx answer that failed: it answered, but garbage, unsigned, badly
 * signed or oversized. (The same tokens in a RemoteError are the miner's complaint about the
 * validator's request, which before a commitment only loses that challenge.)
 */
const BAD_ANSWER = new Set(['bad_signature', 'wrong_signer', 'bad_response', 'response_too_large', 'missing_header', 'malformed']);
const isBadAnswer = (e: unknown) => e instanceof ProtocolError && !(e instanceof RemoteError) && BAD_ANSWER.has(e.reason);

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
 * One miner's part of a round, without verification: a fixed, validator-clocked measurement
 * window with the miner's challenges pipelined.
 *
 * The window opens when the validator sends the miner's first challenge (its own monotonic
 * clock) and closes `measureWindowMs` later, whatever the miner does. `pipelineDepth` lanes
 * (default 4, the unopened bound: one challenge running at the miner, three queued behind it) each send a challenge,
 * wait for its commitment and send the next at once, so network latency overlaps the device's
 * work instead of idling it; only the first request's way there and the last answer's way back
 * are not hidden. When a commitment arrives, audit rows are drawn from the CSPRNG and the audit
 * goes out at once, beside the lanes (untimed). At the window's end every challenge still in
 * flight is abandoned: it could not count. No ping, no RTT: nothing the miner answers enters
 * the credited time, which is the window itself.
 *
 * Before a commitment, anything (transport error, timeout, refusal) only loses that challenge:
 * the lane sends a fresh one after a short backoff while the window lasts. An answer that is
 * not a valid signed commitment (garbage, unsigned, oversized, wrong challenge or shape) fails
 * the miner. After a commitment the miner must open it: any non-2xx, unsigned, malformed, late
 * (over `auditTimeoutMs`) or missing audit answer fails it, named by its code.
 */
export async function exchangeWithMiner(target: MinerTarget, options: ExchangeOptions): Promise<Exchange> {
  const random = options.randomBytes ?? ((n: number) => randomBytes(n));
  const retryDelayMs = options.retryDelayMs ?? 250;
  const maxChallenges = Math.max(1, options.maxChallenges ?? DEFAULT_MAX_CHALLENGES);
  const minChallenges = Math.min(maxChallenges, Math.max(1, options.minChallenges ?? DEFAULT_MIN_CHALLENGES));
  const depth = Math.max(1, Math.min(maxChallenges, MAX_UNOPENED_CHALLENGES, options.pipelineDepth ?? DEFAULT_PIPELINE_DEPTH));
  const startMs = nowMs();
  // The audits of the window's last commitments need time before the round's deadline: their
  // full limit, or half the round when the round is shorter than that.
  const auditReserveMs = Math.min(options.auditTimeoutMs, (options.deadline - startMs) / 2);
  const endMs = Math.min(startMs + (options.measureWindowMs ?? DEFAULT_MEASURE_WINDOW_MS), options.deadline - auditReserveMs);
  let attempts = 0;
  let issued = 0; // challenges in flight or committed (lost ones are given back)
  let lastChallenge = newChallenge(options.params, options.device, random);
  /** Why the last challenge was lost before committing (the code of an 'unavailable' outcome). */
  let lost: { code: string; message: string } | undefined;
  let failure: ExchangeFailure | undefined;
  const samples: ChallengeSample[] = [];
  const audits: Promise<void>[] = [];
  // Challenges sent and not yet opened (in flight, or committed with the audit unanswered): at
  // most MAX_UNOPENED_CHALLENGES, which the miner is bound to retain, so a slow audit path makes
  // lanes wait rather than push the miner to drop a commitment still to be audited.
  const unopened = new UnopenedBound(MAX_UNOPENED_CHALLENGES);

  const done = (outcome: ExchangeOutcome, code: string, reason: string, challenge: Challenge = lastChallenge): Exchange => ({
    target,
    outcome,
    code,
    reason,
    challenge,
    windowMs: endMs > startMs ? endMs - startMs : null,
    samples,
    attempts,
  });
  if (endMs - startMs < MIN_REQUEST_MS) return done('unavailable', 'window_closed', 'the round window closed before the miner could be challenged');

  // Challenges in flight end at the window's close, on a failure or when the caller aborts; audits only on the last two.
  const challengeAbort = new AbortController();
  const auditAbort = new AbortController();
  const onCaller = () => {
    challengeAbort.abort();
    auditAbort.abort();
  };
  options.signal?.addEventListener('abort', onCaller, { once: true });
  if (options.signal?.aborted) onCaller();
  const windowTimer = setTimeout(() => challengeAbort.abort(), Math.max(0, endMs - nowMs()));
  challengeAbort.signal.addEventListener('abort', () => unopened.wakeAll(), { once: true });
  const fail = (f: ExchangeFailure) => {
    failure ??= f;
    challengeAbort.abort();
    auditAbort.abort();
  };
  const call = (path: string, json: unknown, timeoutMs: number, maxResponseBytes: number, signal: AbortSignal) =>
    signedFetch({ url: target.url, path, json, signer: options.signer, receiver: target.hotkey, timeoutMs: Math.max(1, timeoutMs), maxResponseBytes, signal });

  const lane = async (): Promise<void> => {
    let errorsInARow = 0;
    while (!failure && !challengeAbort.signal.aborted && issued < maxChallenges && endMs - nowMs() >= MIN_REQUEST_MS) {
      if (!unopened.hasRoom()) {
        await unopened.nextOpened();
        continue;
      }
      unopened.take();
      const challenge = newChallenge(options.params, options.device, random);
      lastChallenge = challenge;
      issued++;
      attempts++;
      let body: unknown;
      try {
        body = (await call('/challenge', challenge, Math.min(options.challengeTimeoutMs, endMs - nowMs()), MAX_COMMITMENT_BYTES, challengeAbort.signal)).body;
      } catch (error) {
        issued--;
        unopened.give();
        if (failure || options.signal?.aborted) return;
        if (challengeAbort.signal.aborted) {
          lost ??= { code: 'timeout', message: 'no commitment before the measurement window closed' };
          return;
        }
        if (isBadAnswer(error)) {
          fail(new ExchangeFailure((error as ProtocolError).reason, (error as Error).message, challenge));
          return;
        }
        // Lost before any commitment: replaced, after a backoff, while the window lasts.
        lost = {
          code: error instanceof ProtocolError ? error.reason : 'error',
          message: error instanceof RemoteError ? `the miner refused the challenge: ${error.message}` : (error as Error).message,
        };
        errorsInARow++;
        await sleep(Math.min(retryDelayMs * 2 ** Math.min(errorsInARow - 1, 4), Math.max(0, endMs - nowMs())));
        continue;
      }
      errorsInARow = 0;
      const arrivedMs = nowMs() - startMs;
      let commitment: Commitment;
      try {
        commitment = checkCommitment(challenge, body);
      } catch (error) {
        unopened.give();
        fail(error as ExchangeFailure);
        return;
      }
      audits.push(audit(challenge, commitment, arrivedMs).finally(() => unopened.give()));
    }
  };

  const audit = async (challenge: Challenge, commitment: Commitment, arrivedMs: number): Promise<void> => {
    // Rows are chosen only now, after the commitment arrived.
    const auditRows = chooseAuditRows(options.params.rows, options.params.auditRows, random);
    const request = { version: PROTOCOL_VERSION, challengeId: challenge.challengeId, rows: auditRows };
    attempts++;
    let body: unknown;
    try {
      body = (await call('/audit', request, Math.min(options.auditTimeoutMs, options.deadline - nowMs()), MAX_AUDIT_RESPONSE_BYTES, auditAbort.signal)).body;
    } catch (error) {
      if (failure) return;
      const code = error instanceof ProtocolError ? `audit_${error.reason}` : 'audit_error';
      fail(new ExchangeFailure(code, `committed but did not open the audited rows: ${(error as Error).message}`, challenge));
      return;
    }
    let openings: Opening[];
    try {
      const response = validateMessage('auditResponse', body);
      if (response.challengeId !== challenge.challengeId) throw new Error('the audit response names another challenge');
      openings = response.openings.map(decodeOpening);
    } catch (error) {
      fail(new ExchangeFailure('bad_audit_response', (error as Error).message, challenge));
      return;
    }
    samples.push({ challenge, arrivedMs, counted: arrivedMs <= endMs - startMs, root: commitment.root, auditRows, openings });
  };

  const checkCommitment = (challenge: Challenge, body: unknown): Commitment => {
    let commitment: Commitment;
    try {
      commitment = validateMessage('commitment', body);
    } catch (error) {
      throw new ExchangeFailure('bad_commitment', (error as Error).message, challenge);
    }
    if (commitment.challengeId !== challenge.challengeId) throw new ExchangeFailure('bad_commitment', 'the commitment names another challenge', challenge);
    if (commitment.leafCount !== leafCount(options.params)) {
      throw new ExchangeFailure('bad_commitment', `the commitment has ${commitment.leafCount} leaves, expected ${leafCount(options.params)}`, challenge);
    }
    return commitment;
  };

  try {
    await Promise.all(Array.from({ length: depth }, lane));
    // Audits are pushed only by lanes, so once the lanes are done the list is complete.
    await Promise.all(audits);
  } finally {
    clearTimeout(windowTimer);
    options.signal?.removeEventListener('abort', onCaller);
  }
  if (failure) return done('failed', failure.code, failure.message, failure.challenge);
  samples.sort((a, b) => a.arrivedMs - b.arrivedMs);
  const counted = samples.filter((s) => s.counted).length;
  if (counted >= minChallenges) return done('committed', 'committed', `${counted} challenge${counted === 1 ? '' : 's'} committed inside the window and opened`);
  const tally = `${counted} of at least ${minChallenges} challenges committed inside the window, ${attempts} requests`;
  if (options.signal?.aborted) return done('unavailable', 'aborted', `the round was aborted (${tally})`);
  return done('unavailable', lost?.code ?? 'too_few', lost ? `${lost.message} (${tally})` : tally);
}
