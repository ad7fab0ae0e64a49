import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addStake,
  buildCall,
  burnedRegister,
  connectChain,
  keypairFromUri,
  loadMetagraph,
  registerSubnet,
  serveAxon,
  setHyperparameter,
  startCall,
  taoToRao,
  type ChainClient,
} from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { silentLogger } from '../../src/logging';
import { jsReferencePair, preset, WorkloadRunner } from '../../src/pog';
import { serveMetrics, Validator, ValidatorMetrics } from '../../src/validator';
import { settlePolkadotTimers } from './support/cli-pog';
import { behaviourWorkload, startTestMiner } from './support/miners';

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** Every sample line of the exposition: name, labels and value. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a Prometheus sample line: ${JSON.stringify(l)}`);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

/** GET /metrics and /health of a validator that ran one round against one honest miner. */
describe('validator metrics over HTTP', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  let runner: WorkloadRunner;
  let miner: Awaited<ReturnType<typeof startTestMiner>>;
  let stateDir: string;
  let netuid = -1;
  const sudoKey = keypairFromUri('//Alice');
  const owner = keypairFromUri('//Bob');
  const validatorHot = keypairFromUri('//Bob//pog-metrics-validator');
  const minerCold = keypairFromUri('//Charlie');
  const minerHot = keypairFromUri('//Charlie//pog-metrics-honest');

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'pog-validator-metrics-'));
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    ({ netuid } = await registerSubnet(client, { signer: owner, hotkey: validatorHot.address }));
    await setHyperparameter(client, { signer: sudoKey, name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'tempo', value: 4 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'weights_rate_limit', value: 0 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'commit_reveal_weights_enabled', value: false });
    await startCall(client, { signer: owner, netuid });
    await addStake(client, { signer: owner, hotkey: validatorHot.address, netuid, amount: taoToRao('100') });
    // The evidence remark's fee is paid from the validator hotkey's balance.
    await client.submit(buildCall(client.api, 'balances', 'transfer_keep_alive', { dest: validatorHot.address, value: taoToRao('10') }), owner);
    await burnedRegister(client, { signer: minerCold, netuid, hotkey: minerHot.address });
    runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
    miner = await startTestMiner(minerHot, behaviourWorkload(runner, { kind: 'honest' }), [validatorHot.address], netuid);
    await serveAxon(client, { signer: minerHot, netuid, ip: '10.0.0.1', port: miner.port });
  }, 60_000);

  afterAll(async () => {
    await miner?.stop();
    await runner?.close();
    await client?.close();
    await devnet?.close();
    await settlePolkadotTimers();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('serves the Prometheus text format with the round, result and miner series after one round, and /health', async () => {
    const metrics = new ValidatorMetrics();
    const server = await serveMetrics(metrics, '127.0.0.1', 0);
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.server.address()).toMatchObject({ address: '127.0.0.1', port: server.port });

      // Before any round: every family announced, no samples yet.
      const before = await get(server.port, '/metrics');
      expect(before.status).toBe(200);
      expect(samples(before.body)).toEqual([]);

      const validator = new Validator({
        client,
        netuid,
        hotkey: validatorHot,
        stateDir,
        params: preset('ci'),
        device: 'cpu',
        concurrency: 4,
        windowMs: 20_000,
        challengeTimeoutMs: 10_000,
        auditTimeoutMs: 5_000,
        measureWindowMs: 1_000,
        maxChallenges: 200,
        scoreAlpha: 0.3,
        reliabilityAlpha: 0.1,
        reference: jsReferencePair,
        resolveAxonUrl: (axon) => `http://127.0.0.1:${axon.port}`,
        metrics,
        logger: silentLogger,
      });
      const report = await validator.runEpoch();
      const uid = (await loadMetagraph(client, netuid)).hotkeys.indexOf(minerHot.address);
      expect(report.results).toHaveLength(1);
      expect(report.results[0]).toMatchObject({ uid, outcome: 'passed' });
      expect(report.weights.mode).toBe('set');
      expect(report.evidence.published).toBe(true);

      const res = await get(server.port, '/metrics');
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.body.endsWith('\n')).toBe(true);

      const families: [string, 'counter' | 'gauge'][] = [
        ['pog_validator_rounds_total', 'counter'],
        ['pog_validator_miner_results_total', 'counter'],
        ['pog_validator_round_seconds', 'gauge'],
        ['pog_validator_miners_challenged', 'gauge'],
        ['pog_validator_miner_score', 'gauge'],
        ['pog_validator_miner_tflops', 'gauge'],
        ['pog_validator_weights_total', 'counter'],
        ['pog_validator_evidence_total', 'counter'],
        ['pog_validator_chain_errors_total', 'counter'],
        ['pog_validator_last_round', 'gauge'],
      ];
      const lines = res.body.trimEnd().split('\n');
      for (const [name, type] of families) {
        const help = lines.findIndex((l) => l.startsWith(`# HELP ${name} `));
        expect({ name, help: help >= 0 }).toEqual({ name, help: true });
        expect(lines[help + 1]).toBe(`# TYPE ${name} ${type}`);
      }
      // Every line is a HELP, a TYPE, or a sample of the family announced just above it.
      let family = '';
      for (const line of lines) {
        const t = /^# TYPE (\S+) (counter|gauge)$/.exec(line);
        if (t) family = t[1]!;
        else if (!line.startsWith('# HELP ')) expect(line.startsWith(`${family}{`) || line.startsWith(`${family} `)).toBe(true);
      }

      const all = samples(res.body);
      const value = (name: string, labels: Record<string, string> = {}) => all.filter((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels)).map((s) => s.value);
      expect(value('pog_validator_rounds_total', { outcome: 'ok' })).toEqual([1]);
      expect(value('pog_validator_rounds_total', { outcome: 'failed' })).toEqual([]);
      expect(value('pog_validator_miner_results_total', { outcome: 'passed' })).toEqual([1]);
      expect(all.filter((s) => s.name === 'pog_validator_miner_results_total')).toHaveLength(1);
      expect(value('pog_validator_miners_challenged')).toEqual([1]);
      expect(value('pog_validator_last_round')).toEqual([report.round]);
      expect(value('pog_validator_weights_total', { mode: 'set', outcome: 'ok' })).toEqual([1]);
      expect(value('pog_validator_evidence_total', { outcome: 'published' })).toEqual([1]);
      expect(all.filter((s) => s.name === 'pog_validator_chain_errors_total')).toEqual([]);
      for (const phase of ['exchange', 'verify']) {
        const [seconds] = value('pog_validator_round_seconds', { phase });
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThan(20);
      }
      // Labels are sorted (hotkey before uid).
      const [score] = value('pog_validator_miner_score', { hotkey: minerHot.address, uid: String(uid) });
      const [tflops] = value('pog_validator_miner_tflops', { hotkey: minerHot.address, uid: String(uid) });
      expect(score).toBeGreaterThan(0);
      expect(tflops).toBeGreaterThan(0);
      expect(tflops).toBeCloseTo(report.results[0]!.tflops, 12);
      expect(score).toBeCloseTo(validator.store.state.miners[String(uid)]!.score, 12);
      expect(res.body).toContain(`pog_validator_miner_score{hotkey="${minerHot.address}",uid="${uid}"} `);

      const health = await get(server.port, '/health');
      expect(health.status).toBe(200);
      expect(health.type).toBe('application/json');
      expect(JSON.parse(health.body)).toEqual({ ok: true });

      expect((await get(server.port, '/nope')).status).toBe(404);
      expect((await get(server.port, '/metrics', 'POST')).status).toBe(404);
    } finally {
      await server.close();
    }
    expect(server.server.listening).toBe(false);
    await expect(get(server.port, '/health')).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});
