import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectChain, keypairFromUri, registerSubnet, setHyperparameter, startCall, type ChainClient } from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { silentLogger } from '../../src/logging';
import { preset } from '../../src/pog';
import { ScoreStore, Validator, ValidatorMetrics } from '../../src/validator';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const waitFor = async (what: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The validator's loop survives the chain going away and coming back, and a restart keeps its rounds. */
describe('validator and a chain disconnect', () => {
  let chainDir: string;
  let stateDir: string;
  let devnet: RunningDevnet | null = null;
  let client: ChainClient;
  const owner = keypairFromUri('//Bob');
  const validatorHot = keypairFromUri('//Bob//pog-validator');

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // polkadot-js logs each lost connection
    chainDir = mkdtempSync(join(tmpdir(), 'pog-validator-chain-'));
    stateDir = mkdtempSync(join(tmpdir(), 'pog-validator-state-'));
  });
  afterAll(async () => {
    await client?.close();
    await devnet?.close();
    rmSync(chainDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('keeps running epochs after the node restarts, and a restarted validator resumes its rounds', async () => {
    const port = await freePort();
    devnet = await startDevnet({ port, dataDir: chainDir, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 }, reconnectDelayMs: 200 });
    const { netuid } = await registerSubnet(client, { signer: owner, hotkey: validatorHot.address });
    await setHyperparameter(client, { signer: keypairFromUri('//Alice'), name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(client, { signer: keypairFromUri('//Alice'), netuid, name: 'tempo', value: 2 });
    await startCall(client, { signer: owner, netuid });
    const make = (metrics: ValidatorMetrics) =>
      new Validator({
        client, netuid, hotkey: validatorHot, stateDir, params: preset('ci'), concurrency: 4, windowMs: 2000, challengeTimeoutMs: 1000, auditTimeoutMs: 1000,
        scoreAlpha: 0.3, reliabilityAlpha: 0.1, pollMs: 100, retryMs: 200, metrics, logger: silentLogger,
      });
    const metrics = new ValidatorMetrics();
    const validator = make(metrics);
    validator.start();
    const rounds = () => validator.store.state.round;
    await waitFor(() => rounds() >= 1, 10_000);

    await devnet.close();
    devnet = null;
    await new Promise((r) => setTimeout(r, 1000));
    devnet = await startDevnet({ port, dataDir: chainDir, instant: true });
    const before = rounds();
    const node = devnet.node;
    await waitFor(() => {
      void node.newBlocks(1);
      return rounds() >= before + 2;
    }, 20_000);
    await validator.stop();

    const committed = ScoreStore.read(stateDir)!.round;
    const again = make(new ValidatorMetrics());
    expect(again.store.state.round).toBe(committed);
    await again.runEpoch();
    expect(again.store.state.round).toBe(committed + 1);
  }, 60_000);
});
