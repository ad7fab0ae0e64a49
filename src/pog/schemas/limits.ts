import { base64EncodedLength } from './encoding';

/** The only protocol version so far; every message carries it. */
export const PROTOCOL_VERSION = 1;

/** Largest rows a workload may have (workloadParamsSchema's bound): row and leaf indices stay below it. */
export const MAX_ROWS = 1 << 22;
/** Largest audit (workloadParamsSchema's auditRows bound): also the most openings in a response. */
export const MAX_AUDIT_ROWS = 512;
/** Longest Merkle proof accepted; log2(MAX_ROWS) = 22 is the real ceiling. */
export const MAX_PROOF_HASHES = 32;
/** Largest leaf the workload schema allows: rowsPerLeaf 1024 × headWidth 256 float32 values. */
export const MAX_OPENING_BYTES = 1024 * 256 * 4;
export const MAX_OPENING_BASE64_CHARS = base64EncodedLength(MAX_OPENING_BYTES);
/**
 * A validator never has more than this many challenges unopened at one miner: sent and not
 * yet committed, or committed and its audit not yet answered. Lanes wait for room, so a miner
 * whose audits travel slowly is not pushed to drop a commitment its validator still audits.
 */
export const MAX_UNOPENED_CHALLENGES = 4;
/**
 * A miner keeps at least this many of each validator's most recent commitments for audit:
 * the validator's unopened bound, plus room for the challenges it abandoned at its window's end,
 * which the miner may still commit.
 */
export const MIN_COMMITMENTS_RETAINED = 2 * MAX_UNOPENED_CHALLENGES;
/** Bound on the informational phase timings a miner reports: one hour. */
export const MAX_TIMING_MS = 3_600_000;

/** Byte bounds on each raw message, checked before JSON.parse ever sees it. */
export const MAX_CHALLENGE_BYTES = 4096;
export const MAX_COMMITMENT_BYTES = 4096;
/** 512 indices of at most 7 digits plus separators, and the envelope. */
export const MAX_AUDIT_REQUEST_BYTES = 8192;
/**
 * The gpu preset's 64 openings of 8 KiB leaves are about 0.8 MB on the wire; 16 MiB leaves room
 * for bigger leaves. Parameters whose worst-case response exceeds this (see
 * auditResponseBytesFor) cannot be audited and should not be issued.
 */
export const MAX_AUDIT_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * An upper bound on the compact JSON size of the audit response for these parameters: one
 * opening per audited row, each with its base64 rows and log2(leafCount) hex hashes.
 */
export function auditResponseBytesFor(p: { rows: number; headWidth: number; rowsPerLeaf: number; auditRows: number }): number {
  const depth = Math.log2(p.rows / p.rowsPerLeaf);
  const perOpening = 64 + base64EncodedLength(p.rowsPerLeaf * p.headWidth * 4) + depth * (64 + 3);
  return 200 + p.auditRows * perOpening;
}
