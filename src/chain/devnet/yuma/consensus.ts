import type { Matrix } from './matrix';
import { normalize, sum } from './vector';

/**
 * Stake-weighted median at majority κ (subtensor's `weighted_median`): the largest score w such
 * that the stake scoring ≥ w is at least κ of the total. Equivalently, with F(v) the stake
 * scoring ≤ v and minority = total − κ, the smallest score whose F exceeds minority; the largest
 * score if none does (κ ≤ 0). Subtensor finds the same value by a mid-pivot partition search.
 */
export function weightedMedian(stake: readonly number[], score: readonly number[], majority: number): number {
  if (stake.length === 0) return 0;
  const minority = sum(stake) - majority;
  const order = score.map((_, i) => i).sort((a, b) => (score[a] ?? 0) - (score[b] ?? 0));
  let below = 0;
  let k = 0;
  while (k < order.length) {
    const value = score[order[k] ?? 0] ?? 0;
    while (k < order.length && score[order[k] ?? 0] === value) below += stake[order[k++] ?? 0] ?? 0;
    if (below > minority) return value;
  }
  return score[order[order.length - 1] ?? 0] ?? 0;
}

/**
 * Consensus C_j: the weighted median of column j over the validators with positive active stake
 * (their stake renormalized), at majority `kappa` (a proportion, u16 / 65535).
 */
export function consensus(activeStake: readonly number[], weights: Matrix, kappa: number): number[] {
  const voters = activeStake.flatMap((s, i) => (s > 0 ? [i] : []));
  const stake = normalize(voters.map((i) => activeStake[i] ?? 0));
  const n = weights.length;
  return Array.from({ length: n }, (_, j) =>
    weightedMedian(
      stake,
      voters.map((i) => weights[i]?.[j] ?? 0),
      kappa,
    ),
  );
}

/** W̄_ij = min(W_ij, C_j). */
export function clipToConsensus(weights: Matrix, consensusByColumn: readonly number[]): Matrix {
  return weights.map((row) => row.map((w, j) => Math.min(w, consensusByColumn[j] ?? 0)));
}
