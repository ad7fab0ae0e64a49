export { type ScoreInput, pogScore, DEFAULT_RELIABILITY_ALPHA, updateReliability, normaliseScores } from './score';
