import { referenceData } from '../../src/economy';

describe('the seed\'s reference tables', () => {
  it('job cost table: rate × average job size is the printed cost per job', () => {
    const costs = Object.fromEntries(referenceData.JOB_COST_TABLE.map((j) => [j.name, j.costPerJob]));
    expect(costs).toEqual({ 'Image Labeling': 60, 'TPU Training': 54, 'GPU Training': 25.2, Inference: 30 });
    for (const job of referenceData.JOB_COST_TABLE) expect(job.rate * job.averageJobSize).toBeCloseTo(job.costPerJob, 10);
  });

  it('payment matrix: every row splits $1 among the seed\'s supplier types', () => {
    const types = new Set<string>(referenceData.SUPPLIER_TYPES);
    expect(Object.keys(referenceData.PAYMENT_MATRIX)).toHaveLength(7);
    for (const [row, split] of Object.entries(referenceData.PAYMENT_MATRIX)) {
      for (const k of Object.keys(split)) expect(types.has(k)).toBe(true);
      expect([row, Object.values(split).reduce((a, b) => a + b, 0)]).toEqual([row, expect.closeTo(1, 12)]);
    }
    expect(referenceData.PAYMENT_MATRIX['End to End AI pipeline']).toEqual({
      'Raw Data Provider': 0.15,
      'Data Annotators': 0.15,
      'Model Training Providers': 0.6,
      'Model Inference Providers': 0.1,
    });
    for (const row of Object.values(referenceData.JOB_TYPE_PAYMENT_ROW)) expect(referenceData.PAYMENT_MATRIX[row]).toBeDefined();
  });
});
