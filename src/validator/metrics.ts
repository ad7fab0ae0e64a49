import { createServer, type Server } from 'node:http';
import { MetricsRegistry, PROMETHEUS_CONTENT_TYPE, type Counter, type Gauge } from '../base';

type Labels = Record<string, string>;

/**
 * One validator series family on the shared registry, with the validator's call shape
 * (`inc(labels, by)`, `set(labels, value)`, `clear()`). Labels are written sorted by name;
 * an unlabelled gauge shows no sample until it is first set, and a non-finite value is 0.
 */
class Family {
  private constructor(
    private readonly counter: Counter<string> | null,
    private readonly gauge: Gauge<string> | null,
  ) {
    if (this.gauge?.labelNames.length === 0) this.gauge.remove({});
  }

  static counter(registry: MetricsRegistry, name: string, help: string, labelNames: readonly string[] = []): Family {
    return new Family(registry.counter(name, help, [...labelNames].sort()), null);
  }

  static gauge(registry: MetricsRegistry, name: string, help: string, labelNames: readonly string[] = []): Family {
    return new Family(null, registry.gauge(name, help, [...labelNames].sort()));
  }

  inc(labels: Labels = {}, by = 1): void {
    this.counter?.inc(labels, by);
  }

  set(labels: Labels, value: number): void {
    this.gauge?.set(Number.isFinite(value) ? value : 0, labels);
  }

  clear(): void {
    this.gauge?.reset();
  }
}

export interface ValidatorMetricsOptions {
  /** Also export prom-client's default process metrics (a running validator does). */
  readonly processMetrics?: boolean;
}

/** The validator's Prometheus series. */
export class ValidatorMetrics {
  readonly registry: MetricsRegistry;
  readonly rounds: Family;
  readonly results: Family;
  readonly roundSeconds: Family;
  readonly minersChallenged: Family;
  readonly score: Family;
  readonly tflops: Family;
  readonly weightsSet: Family;
  readonly evidence: Family;
  readonly chainErrors: Family;
  readonly lastRound: Family;

  constructor(options: ValidatorMetricsOptions = {}) {
    const r = (this.registry = new MetricsRegistry(options));
    this.rounds = Family.counter(r, 'pog_validator_rounds_total', 'rounds run, by outcome (ok, failed)', ['outcome']);
    this.results = Family.counter(r, 'pog_validator_miner_results_total', 'per-miner round results, by outcome (passed, failed, unavailable)', ['outcome']);
    this.roundSeconds = Family.gauge(r, 'pog_validator_round_seconds', 'duration of the last round, by phase (exchange, verify)', ['phase']);
    this.minersChallenged = Family.gauge(r, 'pog_validator_miners_challenged', 'miners challenged in the last round');
    this.score = Family.gauge(r, 'pog_validator_miner_score', 'current score (EMA of TFLOP/s x tier x reliability), by uid', ['uid', 'hotkey']);
    this.tflops = Family.gauge(r, 'pog_validator_miner_tflops', 'last verified throughput, by uid', ['uid', 'hotkey']);
    this.weightsSet = Family.counter(r, 'pog_validator_weights_total', 'weight submissions, by mode (set, commit, reveal) and outcome', ['mode', 'outcome']);
    this.evidence = Family.counter(r, 'pog_validator_evidence_total', 'evidence digests, by outcome (published, failed)', ['outcome']);
    this.chainErrors = Family.counter(r, 'pog_validator_chain_errors_total', 'chain reads or writes that failed, by step', ['step']);
    this.lastRound = Family.gauge(r, 'pog_validator_last_round', 'the last committed round number');
  }

  /** The exposition text, ending with a line feed. */
  render(): Promise<string> {
    return this.registry.render();
  }
}

/** Serves GET /metrics (and /health) on host:port; port 0 picks a free one. */
export async function serveMetrics(metrics: ValidatorMetrics, host: string, port: number): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } else {
      res.writeHead(404).end();
    }
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { server, port: bound, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
