export { chooseAuditRows, leavesForRows } from './choose-rows';
export { type RandomBytes, defaultRandomBytes, RandomU32Source } from './random-source';
export { passProbability, hypergeometricPassProbability, passProbabilityExact, auditRowsFor } from './soundness';
