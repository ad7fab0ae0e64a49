import { tierEmissionFactor, UnknownTierError } from '../economy';
import { pogScore, tierFactor, updateReliability, type ClassOrUnknown } from '../pog';
import type { MinerResult } from '../records';
import type { MinerRecord, ValidatorState } from '../records';

export interface ScoringOptions {
  /** EMA weight of the newest round in the score. */
  readonly scoreAlpha: number;
  /** EMA weight of the newest round in reliability. */
  readonly reliabilityAlpha: number;
  /** The time the tier factors are taken at (ms since the epoch). */
  readonly nowMs: number;
}

export const DEFAULT_SCORE_ALPHA = 0.3;
export { DEFAULT_RELIABILITY_ALPHA } from '../pog';

/** The tier factor of a class: the economy's time-decayed emission factor, or the PoG catalogue's when the economy does not know the tier. */
export function tierFactorOf(cls: ClassOrUnknown, nowMs: number): number {
  try {
    return tierEmissionFactor(cls, { nowMs });
  } catch (error) {
    if (error instanceof UnknownTierError) return tierFactor(cls);
    throw error;
  }
}

function newRecord(hotkey: string): MinerRecord {
  return { hotkey, score: 0, reliability: 0, rounds: 0, passes: 0, lastFailureRound: null, last: null, lastFailure: null };
}

/**
 * Drops the history of uids that left the subnet, or whose hotkey changed (deregistered and
 * replaced): a new hotkey at a uid starts from nothing.
 */
export function reconcileWithMetagraph(state: ValidatorState, hotkeys: readonly string[]): { state: ValidatorState; reset: number[] } {
  const miners: Record<string, MinerRecord> = {};
  const reset: number[] = [];
  for (const [uidText, record] of Object.entries(state.miners)) {
    const uid = Number(uidText);
    if (hotkeys[uid] === record.hotkey) miners[uidText] = record;
    else reset.push(uid);
  }
  return { state: { ...state, miners }, reset };
}

/**
 * One round's results into the records:
 * - passed: reliability moves toward 1; score ← EMA of (TFLOP/s × tier factor × reliability);
 * - failed: score and reliability go to 0 (no retry, no partial credit);
 * - unavailable: both decay toward 0 (an offline miner fades out).
 */
export function applyResults(state: ValidatorState, results: readonly MinerResult[], options: ScoringOptions): ValidatorState {
  const round = state.round + 1;
  const miners = { ...state.miners };
  for (const result of results) {
    const key = String(result.uid);
    const prior = miners[key];
    const record = prior && prior.hotkey === result.hotkey ? prior : newRecord(result.hotkey);
    let next: MinerRecord;
    if (result.outcome === 'passed') {
      const reliability = updateReliability(record.reliability, true, options.reliabilityAlpha);
      const instant = pogScore({ verifiedTflops: result.tflops, tierFactor: tierFactorOf(result.class ?? 'unknown', options.nowMs), reliability });
      const score = record.rounds === 0 ? instant : record.score + options.scoreAlpha * (instant - record.score);
      next = { ...record, score, reliability, rounds: record.rounds + 1, passes: record.passes + 1, last: result };
    } else if (result.outcome === 'failed') {
      next = { ...record, score: 0, reliability: 0, rounds: record.rounds + 1, lastFailureRound: round, last: result, lastFailure: result };
    } else {
      next = {
        ...record,
        score: record.score * (1 - options.scoreAlpha),
        reliability: record.reliability * (1 - options.reliabilityAlpha),
        rounds: record.rounds + 1,
        last: result,
      };
    }
    miners[key] = next;
  }
  return { ...state, round, miners };
}

/** Weights from scores: every uid with a record whose hotkey is still at that uid, the validator's own uid excluded. */
export function weightsFromState(state: ValidatorState, hotkeys: readonly string[], ownUid: number | null): { uids: number[]; weights: number[] } {
  const uids: number[] = [];
  const weights: number[] = [];
  for (const [uidText, record] of Object.entries(state.miners)) {
    const uid = Number(uidText);
    if (uid === ownUid || hotkeys[uid] !== record.hotkey || !(record.score > 0)) continue;
    uids.push(uid);
    weights.push(record.score);
  }
  const order = uids.map((_, i) => i).sort((a, b) => uids[a]! - uids[b]!);
  return { uids: order.map((i) => uids[i]!), weights: order.map((i) => weights[i]!) };
}
