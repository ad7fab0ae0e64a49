/**
 * Reading a subnet's scores from the chain alone: metagraph, weights, and each validator's
 * published evidence (commitment → remark). See docs/scores.md.
 */
export { readScores, type ScoresTable, type ScoresRow, type ScoresValidator, type ScoresMeasurement, type ScoresWeight, type ReadScoresOptions } from './read-scores';
export { fetchEvidence, type EvidenceLookup } from './read-evidence';
export { formatScores } from './format-scores';
