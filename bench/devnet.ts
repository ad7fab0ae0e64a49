/** `npm run bench:devnet`: the dev chain's section of `npm run bench` on its own. Pass --json for one JSON object. */
import { runDevnetBench } from './devnet/devnet-bench';
import { formatDevnetBench } from './devnet/format-devnet-bench';

async function main(): Promise<void> {
  const report = await runDevnetBench((l) => process.stderr.write(`bench: ${l}\n`));
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report)}\n` : formatDevnetBench(report));
}

void main().catch((e) => {
  process.stderr.write(`bench: error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
