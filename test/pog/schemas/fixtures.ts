import { PRESETS } from '../../../src/pog/workload';

export const ID = 'ab'.repeat(32);
export const SEED = '01'.repeat(32);
export const ROOT = '9f'.repeat(32);

export const challenge = () => ({
  version: 1 as const,
  challengeId: ID,
  seed: SEED,
  params: { ...PRESETS.ci },
  device: 'cpu' as const,
  issuedAtMs: 1_700_000_000_000,
});

export const commitment = () => ({
  version: 1 as const,
  challengeId: ID,
  root: ROOT,
  leafCount: 256,
  minerTimings: { sessionCreateMs: 12.5, runMs: 840, hashMs: 3.25 },
});

export const auditRequest = () => ({ version: 1 as const, challengeId: ID, rows: [3, 900, 17] });

export const auditResponse = () => ({
  version: 1 as const,
  challengeId: ID,
  openings: [{ leafIndex: 4, rows: 'AACAPwAAAMA=', proof: [ROOT, ID] }],
});
