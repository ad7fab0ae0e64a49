/**
 * What a validator records and others read: its score state (state.json, written durably with a
 * checksum) and its evidence (the per-round documents, their digest and the on-chain
 * commitment format). The validator writes them; scores, the dashboard and the gateway read
 * them without the validator's service code.
 */
export { RecordsError, StateCorruptError, StateMismatchError } from './errors';
export { type MinerResult, type ResultOutcome } from './miner-result';
export { writeDurableJson, readDurableJson } from './durable-file';
export { emptyState, validatorStateSchema, MAX_TRACKED_TIMELOCK_COMMITS, type ValidatorState, type MinerRecord, type PendingReveal, type TimelockCommit } from './score-state';
export { ScoreStore, STATE_FILE } from './score-store';
export { buildEvidence, chainEvidence, evidenceDigest, evidenceEntry, keepEvidence, roundTflops, EVIDENCE_DIR, EVIDENCE_KIND, EVIDENCE_VERSION, MAX_EVIDENCE_BYTES, type EvidenceDocument, type ChainEvidence, type EvidenceEntry } from './evidence';
export { parseEvidence, encodeEvidenceCommitment, decodeEvidenceCommitment, remarkHash, evidenceDocumentSchema, EvidenceFormatError } from './evidence-format';
