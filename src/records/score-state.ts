import { z } from 'zod';

const resultSchema = z.object({
  uid: z.number().int().min(0),
  hotkey: z.string(),
  outcome: z.enum(['passed', 'failed', 'unavailable']),
  passed: z.boolean(),
  code: z.string(),
  reason: z.string(),
  tflops: z.number().min(0),
  class: z.string().nullable(),
  root: z.string().nullable(),
  challengeId: z.string(),
  windowMs: z.number().nullable().optional(),
  // Records from before the validator-clocked window only.
  rttMs: z.number().nullable().optional(),
  elapsedMs: z.number().nullable().optional(),
  challenges: z.number().int().min(0).optional(),
  attempts: z.number().int().min(0),
  verifyMs: z.number().min(0),
});

/** What the validator remembers about one uid. */
export const minerRecordSchema = z.object({
  hotkey: z.string(),
  /** EMA of verified TFLOP/s × tier factor × reliability. */
  score: z.number().min(0),
  /** EMA of passes, reset to 0 by a failure. */
  reliability: z.number().min(0).max(1),
  rounds: z.number().int().min(0),
  passes: z.number().int().min(0),
  /** The round of the last failure (null: none). */
  lastFailureRound: z.number().int().nullable(),
  /** The result of the last round this miner took part in. */
  last: resultSchema.nullable(),
  /** The last result that zeroed the score, kept for `report`. */
  lastFailure: resultSchema.nullable(),
});

export const pendingRevealSchema = z.object({
  uids: z.array(z.number().int()),
  values: z.array(z.number().int()),
  salt: z.array(z.number().int()),
  versionKey: z.string(),
  commitHash: z.string(),
  firstBlock: z.number().int(),
  lastBlock: z.number().int(),
});

/** A timelocked (commit-reveal v4) commit the chain reveals by itself; kept until its reveal epoch is over and checked. */
export const timelockCommitSchema = z.object({
  uids: z.array(z.number().int()),
  values: z.array(z.number().int()),
  versionKey: z.string(),
  commitHash: z.string(),
  commitBlock: z.number().int(),
  revealRound: z.number().int(),
  /** the last block of its reveal epoch: after it, the weights are on chain or the chain dropped the commit */
  lastBlock: z.number().int(),
});

/** The chain keeps at most 10 unrevealed commits per hotkey and epoch; this many are ever waiting here. */
export const MAX_TRACKED_TIMELOCK_COMMITS = 16;

export const validatorStateSchema = z.object({
  version: z.literal(1),
  netuid: z.number().int(),
  hotkey: z.string(),
  /** Rounds committed so far. */
  round: z.number().int().min(0),
  /** uid (decimal string) → record. */
  miners: z.record(z.string(), minerRecordSchema),
  lastEvidence: z.object({ round: z.number().int(), digest: z.string(), block: z.number().int().nullable(), file: z.string() }).nullable(),
  lastWeights: z.object({ round: z.number().int(), block: z.number().int(), uids: z.array(z.number().int()), values: z.array(z.number().int()), mode: z.enum(['set', 'commit', 'reveal', 'timelocked']) }).nullable(),
  pendingReveal: pendingRevealSchema.nullable(),
  timelockCommits: z.array(timelockCommitSchema).max(MAX_TRACKED_TIMELOCK_COMMITS).default([]),
});

export type MinerRecord = z.infer<typeof minerRecordSchema>;
export type ValidatorState = z.infer<typeof validatorStateSchema>;
export type PendingReveal = z.infer<typeof pendingRevealSchema>;
export type TimelockCommit = z.infer<typeof timelockCommitSchema>;

export function emptyState(netuid: number, hotkey: string): ValidatorState {
  return { version: 1, netuid, hotkey, round: 0, miners: {}, lastEvidence: null, lastWeights: null, pendingReveal: null, timelockCommits: [] };
}
