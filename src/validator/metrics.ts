import { createServer, type Server } from 'node:http';

type Labels = Record<string, string>;
const key = (labels: Labels) => Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');

/** One Prometheus series family (counter or gauge), labelled. */
class Family {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  set(labels: Labels, value: number): void {
    this.values.set(key(labels), value);
  }
  clear(): void {
    this.values.clear();
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${Number.isFinite(v) ? v : 0}`);
    return lines.join('\n');
  }
}

/** The validator's Prometheus series. */
export class ValidatorMetrics {
  readonly rounds = new Family('pog_validator_rounds_total', 'rounds run, by outcome (ok, failed)', 'counter');
  readonly results = new Family('pog_validator_miner_results_total', 'per-miner round results, by outcome (passed, failed, unavailable)', 'counter');
  readonly roundSeconds = new Family('pog_validator_round_seconds', 'duration of the last round, by phase (exchange, verify)', 'gauge');
  readonly minersChallenged = new Family('pog_validator_miners_challenged', 'miners challenged in the last round', 'gauge');
  readonly score = new Family('pog_validator_miner_score', 'current score (EMA of TFLOP/s x tier x reliability), by uid', 'gauge');
  readonly tflops = new Family('pog_validator_miner_tflops', 'last verified throughput, by uid', 'gauge');
  readonly weightsSet = new Family('pog_validator_weights_total', 'weight submissions, by mode (set, commit, reveal) and outcome', 'counter');
  readonly evidence = new Family('pog_validator_evidence_total', 'evidence digests, by outcome (published, failed)', 'counter');
  readonly chainErrors = new Family('pog_validator_chain_errors_total', 'chain reads or writes that failed, by step', 'counter');
  readonly lastRound = new Family('pog_validator_last_round', 'the last committed round number', 'gauge');

  render(): string {
    return [this.rounds, this.results, this.roundSeconds, this.minersChallenged, this.score, this.tflops, this.weightsSet, this.evidence, this.chainErrors, this.lastRound].map((f) => f.render()).join('\n') + '\n';
  }
}

/** Serves GET /metrics (and /health) on host:port; port 0 picks a free one. */
export async function serveMetrics(metrics: ValidatorMetrics, host: string, port: number): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics.render());
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
