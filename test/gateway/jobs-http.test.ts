import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyGatewayReceipt, type GatewayReceipt } from '../../src/gateway/dispatch/gateway-receipt';
import { outputsDiffer } from '../../src/gateway/dispatch/compare-outputs';
import { MAX_JOB_BODY_BYTES } from '../../src/gateway/http/server';
import { sha256Hex } from '../../src/gateway/models/model-store';
import { startGateway, type RunningGateway } from '../../src/gateway/start-gateway';
import { silentLogger } from '../../src/logging';
import { denseModel } from './support/models';
import { onnxExecutor, passedDirectory, runModel, testMiner } from './support/onnx-miners';
import { GATEWAY_KEY, jobInputs } from './support/pipeline';

jest.setTimeout(60_000);
const ADMIN = 'admin-token-for-job-tests';

describe('buyer job routes over HTTP on 127.0.0.1', () => {
  let dir: string;
  let gw: RunningGateway;
  let key: string;
  let readOnlyKey: string;
  let accountId: string;
  const model = denseModel();
  const hash = sha256Hex(model);
  const miners = [testMiner('//HttpMinerA'), testMiner('//HttpMinerB')];

  const call = async (method: string, path: string, options: { token?: string; json?: unknown; body?: Uint8Array | string } = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : Buffer.from(options.body);
    const res = await fetch(`${gw.url}${path}`, { method, headers, body });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const job = (n: number, extra: Record<string, unknown> = {}) => ({ model: hash, inputs: jobInputs(n), minClass: 'A100-80GB', deadlineMs: 30_000, maxPrice: '1000000000', verification: 'redundant', ...extra });
  const waitDone = async (id: string) => {
    for (let i = 0; i < 1000; i++) {
      const s = await call('GET', `/v1/jobs/${id}`, { token: key });
      if (s.json.job.state === 'done' || s.json.job.state === 'failed') return s.json.job;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('job did not settle');
  };
  const balances = async () => (await call('GET', '/v1/account', { token: key })).json.account;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pog-gw-jobs-'));
    gw = await startGateway({
      dataDir: dir,
      depositSeed: '//GatewayJobsTest',
      adminToken: ADMIN,
      logger: silentLogger,
      ledgerDir: join(dir, 'ledger'),
      revenueExportIntervalMs: 50,
      dispatch: { execute: onnxExecutor(miners), directory: passedDirectory(miners), signer: GATEWAY_KEY, options: { pollMs: 10 } },
    });
    const created = await call('POST', '/v1/accounts', { token: ADMIN, json: { name: 'job buyer' } });
    key = created.json.apiKey;
    accountId = created.json.account.id;
    readOnlyKey = (await call('POST', '/v1/keys', { token: key, json: { scopes: ['jobs:read'] } })).json.apiKey;
    await gw.db.transaction((tx) => gw.book.credit(tx, accountId, 'deposit_tao', 5_000_000n, 'tao:test'));
    expect((await call('POST', '/v1/models', { token: key, body: model })).status).toBe(201);
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the OpenAPI document lists the job routes with their schemas', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/v1/jobs', '/v1/jobs/{id}', '/v1/jobs/{id}/result', '/v1/jobs/{id}/receipt', '/v1/bonds']));
    expect(doc.json.paths['/v1/jobs'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['model', 'inputs', 'minClass', 'deadlineMs', 'maxPrice']));
  });

  test('quote, submit (credit held), status, result (the model run on two miners) and a receipt signed by the gateway', async () => {
    const quoted = await call('POST', '/v1/quote', { token: key, json: { model: hash, inputs: [{ name: 'X', dims: [8, 4] }], verification: 'redundant' } });
    const before = await balances();
    const submitted = await call('POST', '/v1/jobs', { token: key, json: job(1) });
    expect(submitted.status).toBe(201);
    expect(submitted.json.job).toMatchObject({ state: 'queued', price: quoted.json.quote.price, verification: 'redundant' });
    const id = submitted.json.job.id as string;
    const done = await waitDone(id);
    expect(done.state).toBe('done');
    const result = await call('GET', `/v1/jobs/${id}/result`, { token: readOnlyKey });
    expect(result.status).toBe(200);
    const outputs = result.json.outputs.map((t: any) => ({ ...t, data: Buffer.from(t.data, 'base64') }));
    const inputs = jobInputs(1).map((t) => ({ ...t, data: Buffer.from(t.data, 'base64') }));
    expect(outputsDiffer(outputs, await runModel(hash, async () => Buffer.from(model), inputs))).toBeNull();
    const { receipt } = (await call('GET', `/v1/jobs/${id}/receipt`, { token: key })).json as { receipt: GatewayReceipt };
    expect(verifyGatewayReceipt(receipt, GATEWAY_KEY.address)).toBe(true);
    expect(receipt).toMatchObject({ jobId: id, modelHash: hash, inputHash: done.inputHash, outputHash: result.json.outputHash, price: quoted.json.quote.price, verification: 'redundant', checked: true });
    expect(miners.map((m) => m.pair.address)).toContain(receipt.miner);
    expect(receipt.runs).toHaveLength(2);
    expect(BigInt((await balances()).available)).toBe(BigInt(before.available) - BigInt(quoted.json.quote.price));
    // The revenue reaches the buyback ledger under the job's id.
    for (let i = 0; i < 200 && (await gw.revenue.pending()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await gw.revenue.pending()).toEqual([]);
  });

  test('bad input changes nothing: wrong key, read-only key, bad tensors, oversized body, insufficient credit, a price above the maximum, another account', async () => {
    const before = await balances();
    const count = async () => (await gw.db.all('SELECT id FROM jobs')).length;
    const jobsBefore = await count();
    const expectRefused = async (r: Promise<{ status: number; json: Record<string, any> }>, status: number, code: string, pattern?: RegExp) => {
      const res = await r;
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
      if (pattern) expect(res.json.error.message).toMatch(pattern);
    };
    await expectRefused(call('POST', '/v1/jobs', { token: `${key.slice(0, -2)}zz`, json: job(2) }), 401, 'unauthorized');
    await expectRefused(call('POST', '/v1/jobs', { json: job(2) }), 401, 'unauthorized');
    await expectRefused(call('POST', '/v1/jobs', { token: readOnlyKey, json: job(2) }), 403, 'forbidden');
    await expectRefused(call('POST', '/v1/jobs', { token: key, json: job(2, { inputs: [{ name: 'X', type: 'float32', dims: [8, 4], data: 'AAAA' }] }) }), 400, 'invalid_request', /bytes of data/);
    await expectRefused(call('POST', '/v1/jobs', { token: key, json: job(2, { inputs: [{ name: 'X', type: 'float32', dims: [1 << 23, 4], data: '' }] }) }), 400, 'invalid_request', /over the \d+ limit/);
    await expectRefused(call('POST', '/v1/jobs', { token: key, json: job(2, { extra: true }) }), 400, 'invalid_request');
    await expectRefused(call('POST', '/v1/jobs', { token: key, json: job(2, { maxPrice: '-1' }) }), 400, 'invalid_request');
    await expectRefused(call('POST', '/v1/jobs', { token: key, body: 'x'.repeat(MAX_JOB_BODY_BYTES + 10) }), 413, 'payload_too_large');
    await expectRefused(call('POST', '/v1/jobs', { token: key, json: job(2, { maxPrice: '5' }) }), 422, 'price_above_max');
    await expectRefused(call('POST', '/v1/jobs', { token: key, json: job(2, { model: 'e'.repeat(64) }) }), 404, 'not_found');
    const poor = await call('POST', '/v1/accounts', { token: ADMIN, json: { name: 'poor buyer' } });
    await expectRefused(call('POST', '/v1/jobs', { token: poor.json.apiKey, json: job(2) }), 402, 'insufficient_credit');
    expect(await count()).toBe(jobsBefore);
    expect(await balances()).toEqual(before);

    const mine = (await gw.db.all('SELECT id FROM jobs'))[0]!.id as string;
    await expectRefused(call('GET', `/v1/jobs/${mine}`, { token: poor.json.apiKey }), 404, 'not_found');
    await expectRefused(call('GET', `/v1/jobs/${mine}/result`, { token: poor.json.apiKey }), 404, 'not_found');
    await expectRefused(call('GET', `/v1/jobs/${mine}/receipt`, { token: poor.json.apiKey }), 404, 'not_found');
    await expectRefused(call('POST', '/v1/bonds', { token: key, json: { miner: miners[0]!.pair.address, amount: '5', ref: 'x' } }), 401, 'unauthorized');
  });

  test('a failed job has no result: 409 naming the reason, and its credit is back', async () => {
    const before = await balances();
    const id = (await call('POST', '/v1/jobs', { token: key, json: job(3, { deadlineMs: 1_000, minClass: 'B200' }) })).json.job.id as string;
    const failed = await waitDone(id);
    expect(failed).toMatchObject({ state: 'failed', reason: 'deadline' });
    const r = await call('GET', `/v1/jobs/${id}/result`, { token: key });
    expect(r.status).toBe(409);
    expect(r.json.error.message).toMatch(/failed \(deadline\); its credit was released/);
    expect(await balances()).toEqual(before);
  });
});
