import { MetricsRegistry, type Counter, type Gauge, type Histogram } from '../../base';

/** Seconds: from a few milliseconds (ci preset) to minutes (a queue behind gpu-preset challenges). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Every series the miner exports at GET /metrics. */
export interface MinerMetrics {
  readonly registry: MetricsRegistry;
  /** outcome: served (commitment sent), aborted (client left), failed (the run failed), rejected is counted in rejections. */
  readonly challenges: Counter<'outcome'>;
  /** Accepted to commitment written, queue wait included. */
  readonly challengeDuration: Histogram;
  /** The runner's own workload time (session.run: generation plus the chain). */
  readonly workloadDuration: Histogram;
  /** Time spent queued for the device. */
  readonly queueWait: Histogram;
  readonly audits: Counter<'outcome'>;
  /** Requests refused, by reason (the `reason` field of the 4xx/5xx body). */
  readonly rejections: Counter<'reason'>;
  readonly queueDepth: Gauge;
  readonly deviceBusy: Gauge;
  readonly capacityRequests: Counter;
  readonly httpRequests: Counter<'route' | 'code'>;
  readonly validatorsServed: Gauge;
  readonly metagraphRefreshes: Counter<'outcome'>;
  readonly committedBytes: Gauge;
  readonly startTime: Gauge;
  /** outcome: served (outputs and receipt sent), aborted (client left), failed (the run failed or overran). */
  readonly jobs: Counter<'outcome'>;
  readonly jobDuration: Histogram;
  /** outcome: stored, held (already cached), refused (bad hash, unloadable, …). */
  readonly modelUploads: Counter<'outcome'>;
  readonly modelCacheBytes: Gauge;
}

/** `processMetrics`: also export prom-client's default process metrics (a running miner does). */
export function createMinerMetrics(options: { processMetrics?: boolean } = {}): MinerMetrics {
  const r = new MetricsRegistry(options);
  const metrics: MinerMetrics = {
    registry: r,
    challenges: r.counter('pog_miner_challenges_total', 'PoG challenges handled, by outcome (served: commitment sent; aborted: the validator left; failed: the run failed)', ['outcome']),
    challengeDuration: r.histogram('pog_miner_challenge_duration_seconds', 'Challenge handling time from acceptance to the commitment, queue wait included', DURATION_BUCKETS),
    workloadDuration: r.histogram('pog_miner_workload_duration_seconds', "The runner's workload time (in-graph generation plus the chain)", DURATION_BUCKETS),
    queueWait: r.histogram('pog_miner_queue_wait_seconds', 'Time challenges waited for the device', DURATION_BUCKETS),
    audits: r.counter('pog_miner_audits_total', 'Audit requests answered with openings, by outcome', ['outcome']),
    rejections: r.counter('pog_miner_rejections_total', 'Requests refused, by reason', ['reason']),
    queueDepth: r.gauge('pog_miner_queue_depth', 'Challenges waiting for the device'),
    deviceBusy: r.gauge('pog_miner_device_busy', '1 while a challenge holds the device'),
    capacityRequests: r.counter('pog_miner_capacity_requests_total', 'Signed capacity statements served'),
    httpRequests: r.counter('pog_miner_http_requests_total', 'HTTP requests answered, by route and status code', ['route', 'code']),
    validatorsServed: r.gauge('pog_miner_validators_allowed', 'Hotkeys currently allowed: validator permits in the metagraph plus the allowlist'),
    metagraphRefreshes: r.counter('pog_miner_metagraph_refreshes_total', 'Metagraph refreshes, by outcome', ['outcome']),
    committedBytes: r.gauge('pog_miner_committed_bytes', 'Bytes of committed outputs and trees held for audits'),
    startTime: r.gauge('pog_miner_start_time_seconds', 'Unix time the miner started'),
    jobs: r.counter('pog_miner_jobs_total', 'Compute-market jobs handled, by outcome (served: outputs and receipt sent; aborted: the client left; failed: the run failed or overran)', ['outcome']),
    jobDuration: r.histogram('pog_miner_job_duration_seconds', 'Job handling time from acceptance to the signed answer, queue wait included', DURATION_BUCKETS),
    modelUploads: r.counter('pog_miner_model_uploads_total', 'Model uploads, by outcome (stored, held: already cached, refused)', ['outcome']),
    modelCacheBytes: r.gauge('pog_miner_model_cache_bytes', 'Bytes of job models held in the cache'),
  };
  metrics.startTime.set(Math.floor(Date.now() / 1000));
  return metrics;
}
