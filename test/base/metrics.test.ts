import { MetricsRegistry } from '../../src/base';
import { createMinerMetrics } from '../../src/miner';
import { ValidatorMetrics } from '../../src/validator';

describe('metrics through prom-client', () => {
  it('adds the default process metrics only when asked', async () => {
    expect(await new MetricsRegistry().render()).not.toContain('process_cpu_user_seconds_total');
    const miner = await createMinerMetrics({ processMetrics: true }).registry.render();
    expect(miner).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(miner).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(miner).toContain('# TYPE pog_miner_challenges_total counter\n');
    const validator = await new ValidatorMetrics({ processMetrics: true }).render();
    expect(validator).toMatch(/^process_resident_memory_bytes \d/m);
    expect(validator).toContain('# TYPE pog_validator_rounds_total counter\n');
  });

  it('reads a series back and refuses labels it was not declared with', async () => {
    const r = new MetricsRegistry();
    const c = r.counter('y_total', 'Y', ['outcome']);
    c.inc({ outcome: 'ok' }, 2);
    expect(await c.get({ outcome: 'ok' })).toBe(2);
    expect(await c.get({ outcome: 'failed' })).toBe(0);
    expect(() => c.inc({} as { outcome: string })).toThrow(/needs label outcome/);
    const h = r.histogram('y_seconds', 'Y', [1]);
    h.observe(0.5);
    h.observe(3);
    expect(await h.count()).toBe(2);
  });
});
