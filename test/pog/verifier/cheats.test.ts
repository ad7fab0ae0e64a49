import { randomBytes } from 'node:crypto';
import { chooseAuditRows, passProbabilityExact } from '../../../src/pog/audit';
import { EMULATED_DATAPATHS, emulatedRows } from '../../../src/pog/emulation';
import { WorkloadRunner } from '../../../src/pog/runner';
import { jsReferencePair, ortReferencePair, verifyAudit } from '../../../src/pog/verifier';
import { preset } from '../../../src/pog/workload';
import { auditOf, commit, newChallenge } from './fixtures';

// Real onnxruntime on the CPU: the honest miner is the project's own workload graph.
let runner: WorkloadRunner;
beforeAll(async () => {
  runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
});
afterAll(() => runner.close());

const ci = preset('ci');

describe('an honest miner passes', () => {
  it.each(['fp32', 'fp16'] as const)('%s, checked with the JS and the ORT float64 references', async (datapath) => {
    const challenge = newChallenge({ ...ci, datapath });
    const { output } = await runner.runWorkload(challenge.seed, challenge.params);
    const evidence = auditOf(challenge, commit(challenge, output));
    const js = await verifyAudit(evidence, jsReferencePair);
    const ort = await verifyAudit(evidence, ortReferencePair(runner));
    expect(js).toMatchObject({ passed: true });
    expect(ort).toMatchObject({ passed: true });
    expect(js.residuals).toHaveLength(ci.auditRows);
    expect(ort.medianResidual).toBeCloseTo(js.medianResidual, 10);
    expect(js.medianResidual / js.noiseLevel).toBeLessThan(js.band.medianRatio);
  });
});

describe('each cheat is caught', () => {
  it('garbage rows', async () => {
    const challenge = newChallenge(ci);
    const garbage = Float32Array.from({ length: ci.rows * ci.headWidth }, () => Math.random() * 20 - 10);
    const result = await verifyAudit(auditOf(challenge, commit(challenge, garbage)));
    expect(result).toMatchObject({ passed: false, failure: 'row-mismatch' });
  });

  it('NaN in the committed output', async () => {
    const challenge = newChallenge(ci);
    const { output } = await runner.runWorkload(challenge.seed, ci);
    output.fill(Number.NaN);
    const result = await verifyAudit(auditOf(challenge, commit(challenge, output)));
    expect(result).toMatchObject({ passed: false, failure: 'non-finite' });
  });

  it('a declared fp32 datapath computed in fp16', async () => {
    const challenge = newChallenge(ci);
    const { output } = await runner.runWorkload(challenge.seed, { ...ci, datapath: 'fp16' });
    const result = await verifyAudit(auditOf(challenge, commit(challenge, output)));
    expect(result.passed).toBe(false);
    expect(['precision', 'row-mismatch']).toContain(result.failure);
  });

  it.each([
    ['bf16 operands', EMULATED_DATAPATHS.bf16],
    ['fp8 operands', EMULATED_DATAPATHS.fp8],
    ['fp16 accumulation', EMULATED_DATAPATHS.fp16Accumulate],
  ])('a declared fp16 datapath computed with %s', async (_name, datapath) => {
    const params = { ...ci, datapath: 'fp16' as const, width: 256 };
    const challenge = newChallenge(params);
    const auditRows = chooseAuditRows(params.rows, params.auditRows);
    // Emulating every row is slow; the audited rows are all a cheater's output needs to hold.
    const output = new Float32Array(params.rows * params.headWidth);
    const rows = emulatedRows(challenge.seed, params, auditRows, datapath);
    auditRows.forEach((row, i) => output.set(rows.subarray(i * params.headWidth, (i + 1) * params.headWidth), row * params.headWidth));
    const result = await verifyAudit(auditOf(challenge, commit(challenge, output), auditRows));
    expect(result).toMatchObject({ passed: false });
    expect(['precision', 'row-mismatch']).toContain(result.failure);
    // and the same rows computed honestly would have passed
    const honest = emulatedRows(challenge.seed, params, auditRows, EMULATED_DATAPATHS.fp16);
    auditRows.forEach((row, i) => output.set(honest.subarray(i * params.headWidth, (i + 1) * params.headWidth), row * params.headWidth));
    expect(await verifyAudit(auditOf(challenge, commit(challenge, output), auditRows))).toMatchObject({ passed: true });
  });

  it('replaying an earlier challenge’s outputs', async () => {
    const earlier = newChallenge(ci);
    const { output } = await runner.runWorkload(earlier.seed, ci);
    const earlierTree = commit(earlier, output);
    const now = newChallenge(ci);
    // the old commitment as it was: bound to the old challenge id, so no proof verifies
    const asIs = await verifyAudit({ ...auditOf(now, earlierTree), root: earlierTree.root });
    expect(asIs).toMatchObject({ passed: false, failure: 'invalid-proof' });
    // re-committed under the new id: proofs hold, but the rows belong to another seed
    const recommitted = await verifyAudit(auditOf(now, commit(now, output)));
    expect(recommitted).toMatchObject({ passed: false, failure: 'row-mismatch' });
  });

  it('a forged Merkle proof, a doctored row, a missing or duplicated opening', async () => {
    const challenge = newChallenge(ci);
    const { output } = await runner.runWorkload(challenge.seed, ci);
    const evidence = auditOf(challenge, commit(challenge, output));
    const [first, ...rest] = evidence.openings;
    const forgedProof = { ...first!, proof: first!.proof.map((h, i) => (i === 0 ? Uint8Array.from(h, (b) => b ^ 0xff) : h)) };
    expect(await verifyAudit({ ...evidence, openings: [forgedProof, ...rest] })).toMatchObject({ passed: false, failure: 'invalid-proof' });
    const doctored = { ...first!, rows: first!.rows.map((v, i) => (i === 0 ? v + 1 : v)) };
    expect(await verifyAudit({ ...evidence, openings: [doctored, ...rest] })).toMatchObject({ passed: false, failure: 'invalid-proof' });
    expect(await verifyAudit({ ...evidence, openings: rest })).toMatchObject({ passed: false, failure: 'missing-opening' });
    expect(await verifyAudit({ ...evidence, openings: [first!, first!, ...rest] })).toMatchObject({ passed: false, failure: 'invalid-proof' });
  });
});

describe('skipping a fraction f of the rows', () => {
  // Observed pass rates over many audits against the exact hypergeometric prediction
  // C((1−f)N, k)/C(N, k) ≤ (1−f)^k. Small k keeps the pass rate measurable.
  it.each([
    [0.1, 4],
    [0.1, 16],
    [0.25, 8],
  ])('f = %f, k = %i', async (f, k) => {
    const params = { ...ci, auditRows: k };
    const challenge = newChallenge(params);
    const { output } = await runner.runWorkload(challenge.seed, params);
    const faked = chooseAuditRows(params.rows, Math.round(f * params.rows));
    for (const row of faked) output.fill(0, row * params.headWidth, (row + 1) * params.headWidth);
    const tree = commit(challenge, output);
    const trials = 300;
    let passes = 0;
    for (let t = 0; t < trials; t++) {
      if ((await verifyAudit(auditOf(challenge, tree))).passed) passes++;
    }
    const expected = passProbabilityExact(f, k, params.rows);
    const sd = Math.sqrt((trials * expected * (1 - expected)));
    expect(Math.abs(passes - trials * expected)).toBeLessThan(4 * sd + 1);
  });

  it('at the default k = 64, 10% faked rows pass at most 0.2% of challenges', () => {
    expect(passProbabilityExact(0.1, ci.auditRows, ci.rows)).toBeLessThan(0.002);
    expect(passProbabilityExact(0.1, 64, 1 << 20)).toBeLessThan(0.002);
  });
});

describe('a seed the miner did not use', () => {
  it('fails even when every row is a real workload output', async () => {
    const challenge = newChallenge(ci);
    const { output } = await runner.runWorkload(randomBytes(32), ci);
    expect(await verifyAudit(auditOf(challenge, commit(challenge, output)))).toMatchObject({ passed: false, failure: 'row-mismatch' });
  });
});
