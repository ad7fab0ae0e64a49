import { chooseAuditRows, passProbabilityExact } from '../../src/pog/audit';
import { WorkloadRunner } from '../../src/pog/runner';
import { verifyAudit } from '../../src/pog/verifier';
import { preset } from '../../src/pog/workload';
import { auditOf, commit, newChallenge } from '../pog/verifier/fixtures';
import { behaviourWorkload } from '../validator/support/miners';

/**
 * The faking miner of the adversarial suite (10% of its rows replaced, the tree built over the
 * fakes), audited many times at the verifier level: the share of audits it survives matches the
 * hypergeometric figure within 4σ, at a k small enough for passes to happen.
 */
describe('10% faked rows: catch rate', () => {
  let runner: WorkloadRunner;
  beforeAll(async () => {
    runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
  });
  afterAll(() => runner.close());

  it.each([8, 16])('k = %i audited rows, 300 audits of one commitment: passes within 4σ of C((1−f)N, k)/C(N, k)', async (k) => {
    const params = { ...preset('ci'), auditRows: k };
    const challenge = newChallenge(params);
    const faking = behaviourWorkload(runner, { kind: 'cheater', fakeFraction: 0.1 });
    const tree = commit(challenge, (await faking(challenge.seed, params)).output);
    const trials = 300;
    let passes = 0;
    for (let i = 0; i < trials; i++) {
      // Fresh audit rows each time, drawn after the commitment, as the validator draws them.
      const result = await verifyAudit(auditOf(challenge, tree, chooseAuditRows(params.rows, k)));
      if (result.passed) passes++;
      else expect(result.failure).toBe('row-mismatch');
    }
    // Rows 0, 10, 20, …: ⌈N/10⌉ faked, which is ⌈0.1·N⌉ for N = 1024.
    const p = passProbabilityExact(0.1, k, params.rows);
    const sigma = Math.sqrt(trials * p * (1 - p));
    expect(Math.abs(passes - trials * p)).toBeLessThanOrEqual(4 * sigma);
  }, 60_000);
});
