/**
 * A gateway process for the kill -9 test: the real startGateway over the embedded database in
 * POG_TEST_DIR, with three in-process ONNX miners (400 ms per run, one at a time each, so jobs are mid-run when the
 * test kills it). Prints `listening <url>` once the API is up. Run from dist/ (npm test builds).
 */
import { join } from 'node:path';
import { startGateway } from '../../../src/gateway/start-gateway';
import { silentLogger } from '../../../src/logging';
import { onnxExecutor, passedDirectory, testMiner } from './onnx-miners';
import { GATEWAY_KEY } from './pipeline';

async function main(): Promise<void> {
  const dir = process.env.POG_TEST_DIR!;
  const miners = [testMiner('//KillA'), testMiner('//KillB'), testMiner('//KillC')];
  const gw = await startGateway({
    dataDir: dir,
    depositSeed: '//GatewayKillTest',
    adminToken: 'kill-test-admin-token',
    fiat: { secret: 'whsec_kill_test', unitsPerMinor: { usd: 1_000_000n } },
    ledgerDir: join(dir, 'ledger'),
    revenueExportIntervalMs: 50,
    logger: silentLogger,
    dispatch: { execute: onnxExecutor(miners, { delayMs: 400 }), directory: passedDirectory(miners), signer: GATEWAY_KEY, owner: 'gw-kill', options: { pollMs: 10, spotFraction: 0.5, maxPerMiner: 1 } },
  });
  process.stdout.write(`listening ${gw.url}\n`);
  process.once('SIGTERM', () => {
    void gw.close().then(() => process.exit(0));
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
