import { cryptoWaitReady } from '@polkadot/util-crypto';
import { keypairFromUri } from '../../src/chain';
import { preset } from '../../src/pog';
import {
  buildEvidence,
  chainEvidence,
  decodeEvidenceCommitment,
  encodeEvidenceCommitment,
  evidenceDigest,
  MAX_EVIDENCE_BYTES,
  parseEvidence,
  remarkHash,
  type MinerResult,
} from '../../src/validator';

beforeAll(async () => {
  await cryptoWaitReady();
});

function result(uid: number, hotkey: string, over: Partial<MinerResult> = {}): MinerResult {
  return {
    uid,
    hotkey,
    outcome: 'passed',
    passed: true,
    code: 'verified',
    reason: 'all challenges verified; a long reason line that stays local '.repeat(3),
    tflops: 0.0412345678,
    class: 'CPU' as MinerResult['class'],
    root: 'ab'.repeat(32),
    challengeId: 'cd'.repeat(16),
    rttMs: 1.5,
    elapsedMs: 120,
    challenges: 3,
    attempts: 1,
    verifyMs: 4,
    ...over,
  };
}

const validator = () => keypairFromUri('//Bob//pog-validator').address;

function doc(results: MinerResult[]) {
  return buildEvidence({ netuid: 1, validator: validator(), round: 7, block: 123, startedAtMs: 1_750_000_000_000, params: preset('ci'), results });
}

describe('published evidence', () => {
  it('is compact, sorted by uid, and round-trips through parseEvidence with the same digest', () => {
    const hot = (i: number) => keypairFromUri(`//Charlie//m${i}`).address;
    const published = chainEvidence(doc([result(2, hot(2), { outcome: 'failed', passed: false, code: 'row-mismatch', tflops: 0, class: null }), result(1, hot(1))]));
    expect(published.results.map((r) => r.uid)).toEqual([1, 2]);
    expect(published.results[0]).toEqual({ uid: 1, hotkey: hot(1), tflops: 0.0412346, class: 'CPU', outcome: 'passed', code: 'verified' });
    const { canonical, hex, bytes } = evidenceDigest(published);
    expect(canonical).not.toMatch(/reason|root|challengeId/);
    const parsed = parseEvidence(bytes);
    expect(parsed).toEqual(published);
    expect(evidenceDigest(parsed).hex).toBe(hex);
    expect(remarkHash(bytes)).toBe(hex);
  });

  it('fits 256 miners in the size limit', () => {
    const results = Array.from({ length: 256 }, (_, i) => result(i, keypairFromUri(`//m${i}`).address, { tflops: 123.456789 + i, class: 'H100-SXM' as MinerResult['class'] }));
    const { bytes } = evidenceDigest(chainEvidence(doc(results)));
    expect(bytes.length).toBeLessThanOrEqual(MAX_EVIDENCE_BYTES);
    expect(parseEvidence(bytes).results).toHaveLength(256);
  });

  it('refuses oversized, non-JSON, off-schema and non-canonical evidence', () => {
    const published = chainEvidence(doc([result(1, keypairFromUri('//m1').address)]));
    const { canonical } = evidenceDigest(published);
    expect(() => parseEvidence('x'.repeat(MAX_EVIDENCE_BYTES + 1))).toThrow(/over the/);
    expect(() => parseEvidence('{not json')).toThrow(/not JSON/);
    expect(() => parseEvidence(canonical.replace('"passed"', '"great"'))).toThrow(/does not match/);
    expect(() => parseEvidence(canonical.replace('"code"', '"extra":1,"code"'))).toThrow(/does not match/);
    expect(() => parseEvidence(JSON.stringify(JSON.parse(canonical), null, 1))).toThrow(/not canonical/);
  });

  it('encodes the commitment as a 32-byte digest and a u32 LE block', () => {
    const digest = new Uint8Array(32).fill(7);
    const fields = encodeEvidenceCommitment(digest, 0x01020304);
    expect(Array.from(fields[1])).toEqual([4, 3, 2, 1]);
    expect(decodeEvidenceCommitment(fields)).toEqual({ digest: `0x${'07'.repeat(32)}`, remarkBlock: 0x01020304 });
    expect(decodeEvidenceCommitment([digest])).toEqual({ digest: `0x${'07'.repeat(32)}`, remarkBlock: null });
    expect(decodeEvidenceCommitment([new TextEncoder().encode('https://x')])).toBeNull();
    expect(decodeEvidenceCommitment([digest, new Uint8Array(3)])).toBeNull();
    expect(() => encodeEvidenceCommitment(new Uint8Array(31), 1)).toThrow(RangeError);
  });
});
