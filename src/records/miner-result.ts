import type { ClassOrUnknown } from '../pog';

/** `passed`: verified; `failed`: caught (zeroes the score, resets reliability); `unavailable`: no measurement (decays). */
export type ResultOutcome = 'passed' | 'failed' | 'unavailable';

/** One miner's result in one round: what the evidence digest covers and `pog validator report` shows. */
export interface MinerResult {
  readonly uid: number;
  readonly hotkey: string;
  readonly outcome: ResultOutcome;
  readonly passed: boolean;
  /** Machine-readable: `verified`, a verifier failure (`row-mismatch`, `precision`, …), or an exchange code (`timeout`, `transport`, `bad_commitment`, …). */
  readonly code: string;
  /** One line a miner operator can act on. */
  readonly reason: string;
  /** Validator-measured TFLOP/s (0 when nothing was verified). */
  readonly tflops: number;
  /** The catalogue class of the verified throughput; null when nothing was verified. */
  readonly class: ClassOrUnknown | null;
  /** The miner's Merkle root (hex) of its first challenge (of the failing one when a verification failed). */
  readonly root: string | null;
  readonly challengeId: string;
  /**
   * The credited window, ms: from sending the first challenge to the window's fixed end, on the
   * validator's clock; TFLOP/s = verified FLOPs committed inside it / it. Null when no window
   * opened; absent in records written before the validator-clocked window.
   */
  readonly windowMs?: number | null;
  /** Before the validator-clocked window (older records only): the ping RTT that was subtracted, and Σ elapsed. Never written now. */
  readonly rttMs?: number | null;
  readonly elapsedMs?: number | null;
  /** Challenges committed inside the window and opened (absent in older records). */
  readonly challenges?: number;
  readonly attempts: number;
  /** Validator CPU spent verifying this miner, ms. */
  readonly verifyMs: number;
}
