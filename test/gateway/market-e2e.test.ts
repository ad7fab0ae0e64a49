import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { addStake, burnedRegister, connectChain, keypairFromUri, loadMetagraph, registerSubnet, serveAxon, setHyperparameter, startCall, taoToRao, type ChainClient } from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { Ledger } from '../../src/economy';
import { sha256Hex, verifyGatewayReceipt, type GatewayReceipt, type Tensor, type WireTensor } from '../../src/gateway';
import { silentLogger } from '../../src/logging';
import { MinerNode } from '../../src/miner';
import { preset, WorkloadRunner } from '../../src/pog';
import { protocolCryptoReady } from '../../src/protocol';
import { applyResults, emptyState, runRound, ScoreStore, type MinerTarget } from '../../src/validator';
import { behaviourWorkload, fixtureCapacity } from '../validator/support/miners';
import { denseModel } from './support/models';
import { runModel } from './support/onnx-miners';
import { jobInputs } from './support/pipeline';

/**
 * The compute market end to end, as operators and a buyer run it: a dev chain with a subnet, two
 * real miners serving jobs (registered and serving axons), the validator's state from a real PoG
 * round against them, and `pog gateway` as a child process dispatching to them. The buyer pays
 * by a TAO transfer on the chain, uploads a model, runs redundant jobs and checks what comes back.
 *
 * The chain refuses 127.0.0.1 as an axon address and the gateway CLI has no axon resolver, so
 * the miners listen on 127.0.0.2 and 127.0.0.3 (loopback on Linux) and announce those.
 */
const CLI = join(__dirname, '../../dist/src/cli/main.js');
/** A job as the API shows it (bigints as decimal strings). */
interface JobView {
  readonly id: string;
  readonly state: string;
  readonly reason: string | null;
  readonly inputHash: string;
  readonly price: string;
}

const ADMIN = 'market-e2e-admin-token-0123456789';
const JOBS = 4;

jest.setTimeout(150_000);

describe('the compute market end to end (dev chain, two miners, a PoG round, `pog gateway`)', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  const runners: WorkloadRunner[] = [];
  const miners: MinerNode[] = [];
  let dir: string;
  let netuid = -1;
  const sudoKey = keypairFromUri('//Alice');
  const owner = keypairFromUri('//Bob');
  const validatorUri = '//Bob//pog-market-e2e-validator';
  const validatorHot = keypairFromUri(validatorUri);
  const minerCold = keypairFromUri('//Charlie');
  const minerHots = [keypairFromUri('//Charlie//pog-market-e2e-a'), keypairFromUri('//Charlie//pog-market-e2e-b')];
  const minerHosts = ['127.0.0.2', '127.0.0.3'];
  const params = preset('ci', { rows: 8192 });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    await protocolCryptoReady();
    dir = mkdtempSync(join(tmpdir(), 'pog-market-e2e-'));
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    ({ netuid } = await registerSubnet(client, { signer: owner, hotkey: validatorHot.address }));
    await setHyperparameter(client, { signer: sudoKey, name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'tempo', value: 4 });
    await startCall(client, { signer: owner, netuid });
    await addStake(client, { signer: owner, hotkey: validatorHot.address, netuid, amount: taoToRao('100') });
    for (let i = 0; i < 2; i++) {
      const hotkey = minerHots[i]!;
      await burnedRegister(client, { signer: minerCold, netuid, hotkey: hotkey.address });
      const runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
      runners.push(runner);
      await runner.runWorkload(new Uint8Array(32), params); // warm the sessions before the measured round
      const node = await MinerNode.start({
        hotkey,
        netuid,
        device: 'cpu',
        runWorkload: behaviourWorkload(runner, { kind: 'honest' }),
        capacity: fixtureCapacity(),
        allow: [validatorHot.address],
        host: minerHosts[i]!,
        port: 0,
        jobs: { runner },
      });
      miners.push(node);
      await serveAxon(client, { signer: hotkey, netuid, ip: minerHosts[i]!, port: node.port });
    }
  }, 90_000);

  afterAll(async () => {
    for (const m of miners) await m.stop(1000);
    for (const r of runners) await r.close();
    await client?.close();
    await devnet?.close();
    // @polkadot/rpc-core's lazy unsubscribe timers (see test/validator/support/cli-pog.ts).
    await new Promise((r) => setTimeout(r, 1900));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a buyer pays in TAO, runs redundant jobs on the PoG-verified miners through `pog gateway`, and gets verified outputs, signed receipts, exact charges and ledger revenue', async () => {
    // The validator's state from a real PoG round against the miners, at their metagraph uids.
    const metagraph = await loadMetagraph(client, netuid);
    const targets: MinerTarget[] = minerHots.map((hk, i) => {
      const uid = metagraph.hotkeys.indexOf(hk.address);
      expect(uid).toBeGreaterThanOrEqual(0);
      return { uid, hotkey: hk.address, url: `http://${minerHosts[i]}:${miners[i]!.port}` };
    });
    const round = await runRound(targets, {
      signer: validatorHot,
      params,
      device: 'cpu',
      concurrency: 8,
      windowMs: 6_000,
      challengeTimeoutMs: 4_000,
      auditTimeoutMs: 2_000,
      retryDelayMs: 100,
      measureWindowMs: 1_500,
      minChallenges: 1,
      maxChallenges: 64,
      logger: silentLogger,
    });
    expect(round.results.map((r) => [r.hotkey, r.outcome, r.class])).toEqual(minerHots.map((hk) => [hk.address, 'passed', 'CPU']));
    const stateDir = join(dir, 'validator');
    const store = ScoreStore.open(stateDir, netuid, validatorHot.address);
    store.commit(applyResults(emptyState(netuid, validatorHot.address), round.results, { scoreAlpha: 0.3, reliabilityAlpha: 0.1, nowMs: Date.now() }));

    // `pog gateway`, dispatching as the validator's hotkey.
    const ledgerDir = join(dir, 'ledger');
    const env = { ...process.env, POG_GATEWAY_DEPOSIT_SEED: '//MarketE2eGateway', POG_GATEWAY_ADMIN_TOKEN: ADMIN };
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      [CLI, 'gateway', '--port', '0', '--data-dir', join(dir, 'gateway'), '--chain', devnet.url, '--netuid', String(netuid), '--hotkey-uri', validatorUri,
        '--validator-state-dir', stateDir, '--ledger-dir', ledgerDir, '--log-level', 'warn'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`pog gateway did not listen within 30 s:\n${stderr.slice(-4000)}`)), 30_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /pog gateway: (http:\/\/\S+)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`pog gateway exited with ${code} before listening:\n${stderr.slice(-4000)}`));
        });
      });
      expect(stdout).toContain(`crediting TAO deposits, dispatching jobs to subnet ${netuid}'s miners as ${validatorHot.address}`);

      const api = async <T = Record<string, unknown>>(path: string, init: { method?: string; token: string; json?: unknown; body?: Buffer }) => {
        const res = await fetch(`${url}${path}`, {
          method: init.method ?? (init.json !== undefined || init.body ? 'POST' : 'GET'),
          headers: { authorization: `Bearer ${init.token}`, 'content-type': init.body ? 'application/octet-stream' : 'application/json' },
          body: init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
        });
        return { status: res.status, body: (await res.json()) as T };
      };

      // An account, paid for by a finalized TAO transfer to its deposit address.
      const created = await api<{ apiKey: string; account: { depositAddress: string } }>('/v1/accounts', { token: ADMIN, json: { name: 'market e2e buyer' } });
      expect(created.status).toBe(201);
      const apiKey = created.body.apiKey;
      const depositAddress = created.body.account.depositAddress;
      const deposit = taoToRao('2');
      await client.submit(client.api.tx.balances!.transferKeepAlive!(depositAddress, deposit), sudoKey, { waitFor: 'finalized' });
      const account = async () => (await api<{ account: { available: string; held: string } }>('/v1/account', { token: apiKey })).body.account;
      for (const until = Date.now() + 30_000; BigInt((await account()).available) !== deposit; ) {
        if (Date.now() > until) throw new Error(`the deposit was not credited within 30 s: ${JSON.stringify(await account())}\n${stderr.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 250));
      }

      // The model, and JOBS redundant jobs on it.
      const bytes = Buffer.from(denseModel());
      const uploaded = await api<{ model: { hash: string } }>('/v1/models', { token: apiKey, body: bytes });
      expect(uploaded.status).toBe(201);
      const modelHash = sha256Hex(bytes);
      expect(uploaded.body.model.hash).toBe(modelHash);
      const inputs: WireTensor[][] = Array.from({ length: JOBS }, (_, n) => jobInputs(n));
      const submit = async (input: WireTensor[]): Promise<string> => {
        const submitted = await api<{ job: JobView }>('/v1/jobs', { token: apiKey, json: { model: modelHash, inputs: input, minClass: 'CPU', deadlineMs: 60_000, maxPrice: String(10n ** 9n), verification: 'redundant' } });
        expect(submitted.status).toBe(201);
        return submitted.body.job.id;
      };
      const finished = async (id: string): Promise<JobView> => {
        for (const until = Date.now() + 30_000; ; ) {
          const { job } = (await api<{ job: JobView }>(`/v1/jobs/${id}`, { token: apiKey })).body;
          if (job.state === 'done' || job.state === 'failed') return job;
          if (Date.now() > until) throw new Error(`job ${id} still ${JSON.stringify(job)} after 30 s:\n${stderr.slice(-4000)}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      // The first job alone: it carries the model to both miners. Sent all at once to miners
      // without the model, one job met a `busy` refusal; the dispatcher never retries a miner
      // for a job it refused, so with two miners that redundant job waits out its deadline
      // (docs/gateway.md, "Not done yet").
      const ids = [await submit(inputs[0]!)];
      const jobs = [await finished(ids[0]!)];
      ids.push(...(await Promise.all(inputs.slice(1).map(submit))));
      jobs.push(...(await Promise.all(ids.slice(1).map(finished))));
      expect(jobs.map((j) => [j.state, j.reason])).toEqual(ids.map(() => ['done', null]));

      // Every job cost what the quote says for its shape and level: two paid runs.
      const quoted = await api<{ quote: { price: string; runs: number } }>('/v1/quote', { token: apiKey, json: { model: modelHash, inputs: [{ name: 'X', dims: [8, 4] }], verification: 'redundant' } });
      expect(quoted.body.quote.runs).toBe(2);
      expect(jobs.map((j) => j.price)).toEqual(ids.map(() => quoted.body.quote.price));

      let charged = 0n;
      for (const [n, id] of ids.entries()) {
        const result = await api<{ outputHash: string; outputs: WireTensor[] }>(`/v1/jobs/${id}/result`, { token: apiKey });
        expect(result.status).toBe(200);
        const local = await runModel(modelHash, async () => bytes, inputs[n]!.map((w): Tensor => ({ ...w, data: Buffer.from(w.data, 'base64') })));
        expect(result.body.outputs).toEqual(local.map((t) => ({ name: t.name, type: t.type, dims: t.dims, data: t.data.toString('base64') })));

        const { receipt } = (await api<{ receipt: GatewayReceipt }>(`/v1/jobs/${id}/receipt`, { token: apiKey })).body;
        expect(verifyGatewayReceipt(receipt, validatorHot.address)).toBe(true);
        expect(verifyGatewayReceipt({ ...receipt, price: '1' }, validatorHot.address)).toBe(false);
        expect(receipt).toMatchObject({ jobId: id, modelHash, inputHash: jobs[n]!.inputHash, outputHash: result.body.outputHash, verification: 'redundant', checked: true, price: jobs[n]!.price });
        expect(minerHots.map((h) => h.address)).toContain(receipt.miner);
        // Redundant: both miners ran it and agreed.
        expect(receipt.runs.map((r) => r.miner).sort()).toEqual(minerHots.map((h) => h.address).sort());
        expect(receipt.runs.every((r) => r.agreed)).toBe(true);
        charged += BigInt(jobs[n]!.price);
      }
      expect(charged).toBeGreaterThan(0n);
      expect(await account()).toEqual(expect.objectContaining({ available: String(deposit - charged), held: '0' }));

      // Settled revenue reaches the buyback ledger (exported every 5 s), one entry per job.
      const revenueIds = ids.map((id) => `job-${id}`).sort();
      let revenues: string[] = [];
      for (const until = Date.now() + 20_000; ; ) {
        if (existsSync(join(ledgerDir, 'journal.jsonl'))) {
          const ledger = Ledger.open(ledgerDir, { readOnly: true });
          revenues = [...ledger.state.revenues.keys()].sort();
          const total = [...ledger.state.revenues.values()].reduce((a, r) => a + r.taoRao, 0n);
          ledger.close();
          if (revenues.length >= JOBS) {
            expect(total).toBe(charged);
            break;
          }
        }
        if (Date.now() > until) throw new Error(`the ledger holds ${revenues.length} revenue entries after 20 s:\n${stderr.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(revenues).toEqual(revenueIds);

      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref())]);
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
