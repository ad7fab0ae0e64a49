import { performance } from 'node:perf_hooks';
import { openingMismatch, type Opening } from '../commitment';
import type { WorkloadParams } from '../workload';
import { toleranceBand, type ToleranceBand } from './bands';
import { jsReferencePair, type ReferencePairFn } from './reference-pair';
import { compareWithReference } from './compare-with-reference';
import { median } from './residual';

/** Everything the validator holds when it checks one challenge. Openings are untrusted. */
export interface AuditEvidence {
  readonly challengeId: Uint8Array;
  readonly seed: Uint8Array;
  readonly params: WorkloadParams;
  /** The root the miner committed to before it learnt the audited rows. */
  readonly root: Uint8Array;
  /** The rows the validator chose (distinct, sorted) after the commitment arrived. */
  readonly auditRows: readonly number[];
  readonly openings: readonly Opening[];
}

export type VerificationFailure = 'missing-opening' | 'invalid-proof' | 'non-finite' | 'row-mismatch' | 'precision';

export interface VerificationResult {
  readonly passed: boolean;
  readonly failure?: VerificationFailure;
  /** One line a miner operator can act on. */
  readonly reason: string;
  /** ρ of each audited row, in auditRows order (empty when the proofs already failed). */
  readonly residuals: readonly number[];
  readonly medianResidual: number;
  readonly maxResidual: number;
  /** σ: the median ρ of the validator's honest-rounded replay; NaN when not computed. */
  readonly noiseLevel: number;
  readonly band: ToleranceBand;
  /** Validator CPU time: proofs, reference recomputation, residuals. */
  readonly verifyMs: number;
}

function fail(
  failure: VerificationFailure,
  reason: string,
  band: ToleranceBand,
  started: number,
  residuals: readonly number[] = [],
  noiseLevel = Number.NaN,
): VerificationResult {
  return {
    passed: false,
    failure,
    reason,
    residuals,
    medianResidual: residuals.length ? median(residuals) : Number.NaN,
    maxResidual: residuals.length ? Math.max(...residuals) : Number.NaN,
    noiseLevel,
    band,
    verifyMs: performance.now() - started,
  };
}

/**
 * Checks one audited challenge: every audited row's leaf is opened and matches the root, and
 * the audited rows agree with the float64 recomputation to within the challenge's honest
 * noise level σ. Integrity (a row beyond band.maxRatio·σ: garbage, skipped work, replay) and
 * precision (median beyond band.medianRatio·σ: a cheaper datapath than declared) fail
 * separately. Any failure is final: the caller must not retry it.
 */
export async function verifyAudit(evidence: AuditEvidence, reference: ReferencePairFn = jsReferencePair): Promise<VerificationResult> {
  const started = performance.now();
  const { params, auditRows } = evidence;
  const band = toleranceBand(params.datapath);
  const openingsByLeaf = new Map<number, Opening>();
  for (const opening of evidence.openings) {
    if (openingsByLeaf.has(opening.leafIndex)) {
      return fail('invalid-proof', `leaf ${opening.leafIndex} was opened twice`, band, started);
    }
    openingsByLeaf.set(opening.leafIndex, opening);
  }

  const observed = new Float32Array(auditRows.length * params.headWidth);
  const checkedLeaves = new Set<number>();
  for (const [i, row] of auditRows.entries()) {
    const leafIndex = Math.floor(row / params.rowsPerLeaf);
    const opening = openingsByLeaf.get(leafIndex);
    if (!opening) return fail('missing-opening', `audited row ${row} (leaf ${leafIndex}) was not opened`, band, started);
    if (!checkedLeaves.has(leafIndex)) {
      const mismatch = openingMismatch(evidence.root, evidence.challengeId, params, opening);
      if (mismatch) return fail('invalid-proof', `leaf ${leafIndex}: ${mismatch}`, band, started);
      checkedLeaves.add(leafIndex);
    }
    const offset = (row % params.rowsPerLeaf) * params.headWidth;
    observed.set(opening.rows.subarray(offset, offset + params.headWidth), i * params.headWidth);
  }

  const comparison = compareWithReference(observed, await reference(evidence.seed, params, auditRows), params.headWidth);
  const { residuals, noiseLevel, medianResidual, medianRatio, worstRow: worst, worstRatio } = comparison;
  if (comparison.nonFiniteRow >= 0) {
    return fail('non-finite', `row ${auditRows[comparison.nonFiniteRow]} holds NaN or Inf`, band, started, residuals, noiseLevel);
  }
  if (worstRatio > band.maxRatio) {
    return fail(
      'row-mismatch',
      `row ${auditRows[worst]} differs from the recomputation (ρ ${residuals[worst]!.toExponential(2)} is ${worstRatio.toPrecision(3)}σ, limit ${band.maxRatio}σ)`,
      band,
      started,
      residuals,
      noiseLevel,
    );
  }
  if (medianRatio > band.medianRatio) {
    return fail(
      'precision',
      `median ρ is ${medianRatio.toPrecision(3)}σ, over the ${params.datapath} limit ${band.medianRatio}σ: a lower-precision datapath than declared`,
      band,
      started,
      residuals,
      noiseLevel,
    );
  }
  return {
    passed: true,
    reason: `${auditRows.length} rows verified (median ρ ${medianRatio.toPrecision(3)}σ, worst ${worstRatio.toPrecision(3)}σ, σ = ${noiseLevel.toExponential(2)})`,
    residuals,
    medianResidual,
    maxResidual: residuals[worst]!,
    noiseLevel,
    band,
    verifyMs: performance.now() - started,
  };
}
