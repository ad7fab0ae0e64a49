/**
 * The validator service: metagraph sync, simultaneous challenges, verification through the PoG
 * core, a durable score store, weights and evidence on chain. See docs/validator.md.
 */
export { ValidatorError, ValidatorNotRegisteredError, ValidatorStoppedError } from './errors';
// The records it writes (src/records), re-exported for callers of the validator.
export * from '../records';
export { minerTargets, defaultAxonUrl, type MinerTarget, type AxonUrlResolver } from './targets';
export { exchangeWithMiner, type ChallengeSample, type Exchange, type ExchangeOptions, type MeasurementOptions, type ExchangeOutcome } from './miner-exchange';
export { runRound, type RoundLimits, type RoundOptions, type RoundSummary } from './run-round';
export { applyResults, reconcileWithMetagraph, weightsFromState, tierFactorOf, DEFAULT_SCORE_ALPHA, DEFAULT_RELIABILITY_ALPHA, type ScoringOptions } from './scoring';
export { publishEvidence, type EvidencePublication } from './evidence-publish';
export { submitWeights, type WeightsAction } from './weights-submitter';
export { ValidatorMetrics, serveMetrics } from './metrics';
export { buildReport, formatReport, type ValidatorReport, type ReportRow } from './report';
export { Validator, type ValidatorOptions, type EpochReport } from './validator';
export { startValidator, type StartValidatorOptions, type RunningValidator } from './start-validator';
