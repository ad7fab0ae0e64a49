/** `node dist/bench/miner/run-miner-bench.js [--json]`: the miner's section of `npm run bench` on its own. */
import { formatMinerBench } from './format-miner-bench';
import { runMinerBench } from './miner-bench';

async function main(): Promise<void> {
  const report = await runMinerBench({ requests: 500, challenges: 5, presets: ['ci', 'demo'] }, (l) => process.stderr.write(`bench: ${l}\n`));
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report)}\n` : formatMinerBench(report));
}

void main().catch((e) => {
  process.stderr.write(`bench: error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
