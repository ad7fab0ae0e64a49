/** `node --expose-gc dist/bench/validator/run-validator-bench.js [--json]`: section 7 of `npm run bench` on its own. */
import { formatValidatorBench, runValidatorBench } from './validator-bench';

async function main(): Promise<void> {
  const report = await runValidatorBench((l) => process.stderr.write(`bench: ${l}\n`));
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report)}\n` : `${formatValidatorBench(report)}\n`);
}

void main().catch((e) => {
  process.stderr.write(`bench: error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
