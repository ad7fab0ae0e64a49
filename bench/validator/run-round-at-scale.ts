/** `node dist/bench/validator/run-round-at-scale.js [--miners N] [--json]`: the 256-miner round of `npm run bench` on its own. */
import { formatRoundAtScale, runRoundAtScale } from './round-at-scale';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--miners');
  const miners = at > 0 ? Number(process.argv[at + 1]) : 256;
  if (!Number.isInteger(miners) || miners < 1 || miners > 1024) throw new Error('--miners takes an integer from 1 to 1024');
  const report = await runRoundAtScale((l) => process.stderr.write(`bench: ${l}\n`), miners);
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report)}\n` : `${formatRoundAtScale(report)}\n`);
}

void main().catch((e) => {
  process.stderr.write(`bench: error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
