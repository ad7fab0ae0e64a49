/**
 * `npm run bench:gateway` (or `node dist/bench/gateway/run-gateway-bench.js [--json] [--width 512] [--batch 64]`):
 * the gateway's overhead per job and jobs/s with 100 concurrent buyers (bench/gateway/gateway-bench.ts).
 */
import { formatGatewayBench, runGatewayBench } from './gateway-bench';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

void runGatewayBench({ sequentialJobs: arg('jobs', 30), buyers: arg('buyers', 100), jobsPerBuyer: arg('jobs-per-buyer', 2), width: arg('width', 512), batch: arg('batch', 64) }, (l) => process.stderr.write(`bench: ${l}\n`))
  .then((r) => {
    process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(r)}\n` : formatGatewayBench(r));
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  });
