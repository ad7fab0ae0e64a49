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
import { ProtocolError, signedFetch } from '../protocol';
import type { MinerTarget } from './targets';

/** How one exchange ended before verification. */
export type ExchangeOutcome =
  /** Commitment and openings received: ready for verifyAudit. */
  | 'committed'
  /** The miner committed and then broke the protocol (garbage, refused or failed to open): a failed challenge. */
  | 'failed'
  /** The miner could not be reached or did not answer in time: no measurement. */
  | 'unavailable';

export interface Exchange {
  readonly target: MinerTarget;
  readonly outcome: ExchangeOutcome;
  /** Short machine-readable token: `committed`, `timeout`, `transport`, `busy`, `bad_commitment`, … */
  readonly code: string;
  readonly reason: string;
  readonly challenge: Challenge;
  readonly rttMs: number | null;
  /** Validator-measured time from sending the challenge to receiving the commitment. */
  readonly elapsedMs: number | null;
  readonly root: string | null;
  readonly auditRows: readonly number[];
  readonly openings: readonly Opening[];
  /** Attempts made (transport errors are retried within the window). */
  readonly attempts: number;
}

export interface ExchangeOptions {
  readonly signer: KeyringPair;
  readonly params: WorkloadParams;
  /** The device challenges are issued for (the miner refuses another); absent: any. */
  readonly device?: 'cpu' | 'cuda';
  /** Monotonic ms (performance.now scale) after which nothing more is sent: the round's window. */
  readonly deadline: number;
  readonly pingTimeoutMs: number;
  readonly challengeTimeoutMs: number;
  readonly auditTimeoutMs: number;
  readonly randomBytes?: RandomBytes;
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
}

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

const isTransport = (e: unknown) => e instanceof ProtocolError && e.reason === 'transport';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
 * One miner's part of a round, without verification: ping (RTT), the challenge timed on the
 * validator's monotonic clock, audit rows from the CSPRNG chosen only after the commitment
 * arrived, the audit. Every request is signed, size-bounded and bounded in time by the round's
 * window. Only transport errors (connection refused or reset) are retried, and only while the
 * window lasts; a failure after the commitment is final.
 */
export async function exchangeWithMiner(target: MinerTarget, options: ExchangeOptions): Promise<Exchange> {
  const random = options.randomBytes ?? ((n: number) => randomBytes(n));
  const retryDelayMs = options.retryDelayMs ?? 250;
  let attempts = 0;
  let challenge = newChallenge(options.params, options.device, random);
  const base = { target, root: null, auditRows: [] as number[], openings: [] as Opening[] };
  const timeLeft = () => options.deadline - nowMs();
  const call = (path: string, json: unknown, timeoutMs: number, maxResponseBytes: number) =>
    signedFetch({ url: target.url, path, json, signer: options.signer, receiver: target.hotkey, timeoutMs: Math.max(1, Math.min(timeoutMs, timeLeft())), maxResponseBytes, signal: options.signal });

  // Phase 1: ping and challenge, retried from scratch (a fresh challenge) on transport errors.
  let rttMs = 0;
  let elapsedMs = 0;
  let commitmentBody: unknown;
  let lastTransport: ProtocolError | undefined;
  for (;;) {
    challenge = newChallenge(options.params, options.device, random);
    if (timeLeft() < MIN_REQUEST_MS) {
      if (lastTransport) return { ...base, outcome: 'unavailable', code: lastTransport.reason, reason: `${lastTransport.message} (${attempts} attempts within the window)`, challenge, rttMs: null, elapsedMs: null, attempts };
      return { ...base, outcome: 'unavailable', code: 'window_closed', reason: 'the round window closed before the miner could be challenged', challenge, rttMs: null, elapsedMs: null, attempts };
    }
    attempts++;
    try {
      const pingStart = nowMs();
      await call('/ping', {}, options.pingTimeoutMs, PING_MAX_BYTES);
      rttMs = nowMs() - pingStart;
      const start = nowMs();
      const answer = await call('/challenge', challenge, options.challengeTimeoutMs, MAX_COMMITMENT_BYTES);
      elapsedMs = nowMs() - start;
      commitmentBody = answer.body;
      break;
    } catch (error) {
      if (isTransport(error) && timeLeft() > retryDelayMs + MIN_REQUEST_MS) {
        lastTransport = error as ProtocolError;
        await sleep(Math.min(retryDelayMs * 2 ** Math.min(attempts - 1, 4), Math.max(0, timeLeft() - MIN_REQUEST_MS)));
        continue;
      }
      const e = error as Error;
      const code = error instanceof ProtocolError ? error.reason : 'error';
      // A 2xx that is not signed by the miner, or garbage, on ping or challenge: the miner broke the protocol.
      const broken = error instanceof ProtocolError && ['bad_signature', 'wrong_signer', 'bad_response', 'response_too_large', 'missing_header', 'malformed'].includes(error.reason);
      return { ...base, outcome: broken ? 'failed' : 'unavailable', code, reason: e.message, challenge, rttMs: null, elapsedMs: null, attempts };
    }
  }

  // Phase 2: check the commitment, choose the rows now, audit (retried on transport errors only).
  try {
    let commitment;
    try {
      commitment = validateMessage('commitment', commitmentBody);
    } catch (error) {
      throw new ExchangeFailure('bad_commitment', (error as Error).message);
    }
    if (commitment.challengeId !== challenge.challengeId) throw new ExchangeFailure('bad_commitment', 'the commitment names another challenge');
    if (commitment.leafCount !== leafCount(options.params)) throw new ExchangeFailure('bad_commitment', `the commitment has ${commitment.leafCount} leaves, expected ${leafCount(options.params)}`);
    const root = commitment.root;
    const auditRows = chooseAuditRows(options.params.rows, options.params.auditRows, random);
    const request = { version: PROTOCOL_VERSION, challengeId: challenge.challengeId, rows: auditRows };
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
        throw new ExchangeFailure(error instanceof ProtocolError ? `audit_${error.reason}` : 'audit_error', `committed but did not open the audited rows: ${(error as Error).message}`);
      }
    }
    let openings: Opening[];
    try {
      const response = validateMessage('auditResponse', auditBody);
      if (response.challengeId !== challenge.challengeId) throw new Error('the audit response names another challenge');
      openings = response.openings.map(decodeOpening);
    } catch (error) {
      throw new ExchangeFailure('bad_audit_response', (error as Error).message);
    }
    return { target, outcome: 'committed', code: 'committed', reason: 'committed and opened', challenge, rttMs, elapsedMs, root, auditRows, openings, attempts };
  } catch (error) {
    const failure = error instanceof ExchangeFailure ? error : new ExchangeFailure('error', (error as Error).message);
    return { ...base, outcome: 'failed', code: failure.code, reason: failure.message, challenge, rttMs, elapsedMs, attempts };
  }
}
