import { validatorCostRatio, validatorOps } from '../../../src/pog/bench';
import { preset, workloadFlops } from '../../../src/pog/workload';

describe('validator cost', () => {
  it('counts two float64 chains per audited row plus generation', () => {
    const p = preset('ci');
    const chain = 2 * (p.depth * p.width * p.width + p.width * p.headWidth);
    const generated = p.poolSize * p.width * p.width + p.width * p.headWidth + p.auditRows * p.width;
    expect(validatorOps(p)).toBe(2 * p.auditRows * chain + 30 * generated);
  });

  it('is at most 1% of the miner’s FLOPs at the GPU-scale parameters', () => {
    const gpu = preset('gpu');
    expect(workloadFlops(gpu)).toBeGreaterThan(5e14);
    expect(validatorCostRatio(gpu)).toBeLessThan(0.01);
    // and it is the audit size, not the work, that sets it: k/N of the rows, twice
    expect(validatorCostRatio(gpu)).toBeCloseTo((2 * gpu.auditRows) / gpu.rows, 5);
  });
});
