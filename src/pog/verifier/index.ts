export { verifyAudit, type AuditEvidence, type VerificationFailure, type VerificationResult } from './verify-audit';
export { toleranceBand, TOLERANCE_BANDS, type ToleranceBand } from './bands';
export { jsReferencePair, type ReferencePair, type ReferencePairFn } from './reference-pair';
export { ortReferencePair } from './ort-reference';
export { rowResidual, rowResiduals, median } from './residual';
export { compareWithReference, type ReferenceComparison } from './compare-with-reference';
