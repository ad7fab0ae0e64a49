/**
 * The validator service: metagraph sync, simultaneous challenges, verification through the PoG
 * core, a durable score store, weights and evidence on chain. See docs/validator.md.
 */
export { ValidatorError, StateCorruptError, StateMismatchError, ValidatorNotRegisteredError, ValidatorStoppedError } from './errors';
export { minerTargets, defaultAxonUrl, type MinerTarget, type AxonUrlResolver } from './targets';
export { exchangeWithMiner, type ChallengeSample, type Exchange, type ExchangeOptions, type MeasurementOptions, type ExchangeOutcome } from './miner-exchange';
export { type MinerResult, type ResultOutcome } from './miner-result';
export { runRound, type RoundLimits, type RoundOptions, type RoundSummary } from './run-round';
export { writeDurableJson, readDurableJson } from './durable-file';
export { emptyState, validatorStateSchema, type ValidatorState, type MinerRecord, type PendingReveal } from './score-state';
export { ScoreStore, STATE_FILE } from './score-store';
export { applyResults, reconcileWithMetagraph, weightsFromState, tierFactorOf, DEFAULT_SCORE_ALPHA, DEFAULT_RELIABILITY_ALPHA, type ScoringOptions } from './scoring';
export { buildEvidence, chainEvidence, evidenceDigest, evidenceEntry, keepEvidence, roundTflops, EVIDENCE_DIR, EVIDENCE_KIND, EVIDENCE_VERSION, MAX_EVIDENCE_BYTES, type EvidenceDocument, type ChainEvidence, type EvidenceEntry } from './evidence';
export { parseEvidence, encodeEvidenceCommitment, decodeEvidenceCommitment, remarkHash, evidenceDocumentSchema, EvidenceFormatError } from './evidence-format';
export { publishEvidence, type EvidencePublication } from './evidence-publish';
export { submitWeights, type WeightsAction } from './weights-submitter';
export { ValidatorMetrics, serveMetrics } from './metrics';
export { buildReport, formatReport, type ValidatorReport, type ReportRow } from './report';
export { Validator, type ValidatorOptions, type EpochReport } from './validator';
export { startValidator, type StartValidatorOptions, type RunningValidator } from './start-validator';
