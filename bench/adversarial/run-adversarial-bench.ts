/** `npm run bench:adversarial [-- --json]`: section 10 of `npm run bench` (the adversarial suite's summary) on its own. */
import { formatAdversarialBench, runAdversarialBench } from './adversarial-bench';

async function main(): Promise<void> {
  const report = await runAdversarialBench((l) => process.stderr.write(`bench: ${l}\n`));
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report)}\n` : `${formatAdversarialBench(report)}\n`);
}

void main().catch((e) => {
  process.stderr.write(`bench: error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
