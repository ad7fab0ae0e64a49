import { u16ToProportion } from './fixed';
import {
  type Matrix,
  type SparseRow,
  colMaxUpscale,
  colNormalize,
  denseFromSparse,
  ema,
  maskCells,
  weightedRowSums,
} from './matrix';
import { hadamard, normalize } from './vector';

export interface BondsInput {
  n: number;
  /** interpolate(W, W̄, bondsPenalty): the weights bonds are built from. */
  weightsForBonds: Matrix;
  /** The stored bond rows of the previous epoch. */
  storedBonds: readonly SparseRow[];
  /** Columns whose old bonds are dropped (the uid registered since the last epoch). */
  recentlyRegistered: readonly boolean[];
  /** EMA alpha = 1 − bondsMovingAverage / 1e6. */
  alpha: number;
  incentive: readonly number[];
  activeStake: readonly number[];
}

export interface BondsResult {
  /** The new bonds in the scale they are stored in (proportions, 1.0 = u16 65535). */
  storedForm: Matrix;
  /** Normalized dividends (all zero if nobody earns any). */
  dividends: number[];
}

function previousBonds(input: BondsInput, scale: (raw: number) => number): Matrix {
  const dense = denseFromSparse(input.storedBonds, input.n, scale);
  return maskCells(dense, (_i, j) => input.recentlyRegistered[j] === true);
}

/**
 * Yuma3 (liquid alpha off): B = α · W_b + (1 − α) · B_prev with B_prev read as u16
 * proportions; dividends D_i ∝ (Σ_j B̂_ij · I_j) · activeStake_i, where B̂ is B with each column
 * normalized. B is stored as is (no upscaling).
 */
export function yuma3Bonds(input: BondsInput): BondsResult {
  const bonds = ema(input.weightsForBonds, previousBonds(input, u16ToProportion), input.alpha);
  const perValidator = weightedRowSums(colNormalize(bonds), input.incentive);
  return { storedForm: bonds, dividends: normalize(hadamard(perValidator, input.activeStake)) };
}

/**
 * Classic Yuma: ΔB = W_b ◦ activeStake (row-wise), column-normalized;
 * B = colnorm(α · ΔB + (1 − α) · colnorm(B_prev)); D = normalize(B · I). B_prev's u16 values are
 * read raw (the column normalization makes their scale irrelevant); B is stored column
 * max-upscaled, so each column's largest bond becomes 65535.
 */
export function classicBonds(input: BondsInput): BondsResult {
  const prev = colNormalize(previousBonds(input, (raw) => raw));
  const delta = colNormalize(input.weightsForBonds.map((row, i) => row.map((w) => w * (input.activeStake[i] ?? 0))));
  const bonds = colNormalize(ema(delta, prev, input.alpha));
  const dividends = normalize(weightedRowSums(bonds, input.incentive));
  return { storedForm: colMaxUpscale(bonds), dividends };
}
