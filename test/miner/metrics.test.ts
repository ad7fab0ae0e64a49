import { createMinerMetrics, escapeLabelValue, MetricsRegistry } from '../../src/miner';

describe('Prometheus exposition', () => {
  it('renders counters, gauges and histograms in the text format', async () => {
    const r = new MetricsRegistry();
    const c = r.counter('x_requests_total', 'Requests.\nSecond line', ['code']);
    const g = r.gauge('x_depth', 'Depth');
    const h = r.histogram('x_seconds', 'Latency', [0.1, 1]);
    c.inc({ code: '200' });
    c.inc({ code: '200' }, 2);
    c.inc({ code: '4"0\\4\n' });
    g.set(3);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(7);
    expect(await r.render()).toBe(
      [
        '# HELP x_requests_total Requests.\\nSecond line',
        '# TYPE x_requests_total counter',
        'x_requests_total{code="200"} 3',
        'x_requests_total{code="4\\"0\\\\4\\n"} 1',
        '# HELP x_depth Depth',
        '# TYPE x_depth gauge',
        'x_depth 3',
        '# HELP x_seconds Latency',
        '# TYPE x_seconds histogram',
        'x_seconds_bucket{le="0.1"} 1',
        'x_seconds_bucket{le="1"} 2',
        'x_seconds_bucket{le="+Inf"} 3',
        'x_seconds_sum 7.55',
        'x_seconds_count 3',
        '',
      ].join('\n'),
    );
  });

  it('shows unlabelled series at zero before anything happened, and refuses misuse', async () => {
    const r = new MetricsRegistry();
    r.counter('a_total', 'A');
    r.histogram('b_seconds', 'B', [1]);
    expect(await r.render()).toContain('a_total 0\n');
    expect(await r.render()).toContain('b_seconds_bucket{le="+Inf"} 0\nb_seconds_sum 0\nb_seconds_count 0\n');
    expect(() => r.counter('a_total', 'again')).toThrow(/twice/);
    expect(() => r.counter('bad-name', 'x')).toThrow(RangeError);
    expect(() => r.counter('c_total', 'x').inc({}, -1)).toThrow(/only goes up/);
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('the miner exports challenges, durations, rejections by reason, queue depth and capacity requests', async () => {
    const m = createMinerMetrics();
    m.challenges.inc({ outcome: 'served' });
    m.challengeDuration.observe(0.2);
    m.rejections.inc({ reason: 'busy' });
    m.queueDepth.set(2);
    m.capacityRequests.inc();
    const text = await m.registry.render();
    for (const line of [
      'pog_miner_challenges_total{outcome="served"} 1',
      'pog_miner_challenge_duration_seconds_count 1',
      'pog_miner_challenge_duration_seconds_bucket{le="0.25"} 1',
      'pog_miner_rejections_total{reason="busy"} 1',
      'pog_miner_queue_depth 2',
      'pog_miner_capacity_requests_total 1',
      '# TYPE pog_miner_workload_duration_seconds histogram',
    ]) {
      expect(text).toContain(`${line}\n`);
    }
    // every sample line is name{labels} value
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/);
  });
});
