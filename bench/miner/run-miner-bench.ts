/** `node dist/bench/miner/run-miner-bench.js [--json]`: the miner's sections of `npm run bench` (6 and 8) on their own. */
import { formatMinerBench } from './format-miner-bench';
import { runMinerBench } from './miner-bench';
import { formatSlowSocketBench, runSlowSocketBench } from './slow-socket-bench';

async function main(): Promise<void> {
  const progress = (l: string) => process.stderr.write(`bench: ${l}\n`);
  const report = await runMinerBench({ requests: 500, challenges: 5, presets: ['ci', 'demo'] }, progress);
  const attack = await runSlowSocketBench({ sockets: 300, durationMs: 2_000, modes: ['headers', 'chunked'] }, progress);
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify({ ...report, underAttack: attack })}\n` : `${formatMinerBench(report)}${formatSlowSocketBench(attack)}\n`);
}

void main().catch((e) => {
  process.stderr.write(`bench: error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
