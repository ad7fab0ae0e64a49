import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../src/gateway/start-gateway';
import { signatureHeader } from '../../src/gateway/payments/webhook-signature';
import { sha256Hex } from '../../src/gateway/models/model-store';
import { silentLogger } from '../../src/logging';
import { customDomainModel, denseModel, externalDataModel } from './support/models';

const ADMIN = 'admin-token-for-tests';
const SECRET = 'whsec_http_test';

describe('gateway HTTP API on 127.0.0.1', () => {
  let dir: string;
  let gw: RunningGateway;
  let key: string;
  let accountId: string;

  const call = async (method: string, path: string, options: { token?: string; json?: unknown; body?: Uint8Array | string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) body = typeof options.body === 'string' ? options.body : Buffer.from(options.body);
    const res = await fetch(`${gw.url}${path}`, { method, headers, body });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pog-gw-http-'));
    gw = await startGateway({ dataDir: dir, depositSeed: '//GatewayHttpTest', adminToken: ADMIN, fiat: { secret: SECRET, unitsPerMinor: { usd: 1_000_000n } }, maxModelBytes: 4096, logger: silentLogger });
    const created = await call('POST', '/v1/accounts', { token: ADMIN, json: { name: 'http buyer' } });
    expect(created.status).toBe(201);
    key = created.json.apiKey;
    accountId = created.json.account.id;
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves its OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/v1/accounts', '/v1/account', '/v1/models', '/v1/quote', '/v1/payments/webhook']));
    expect(doc.json.paths['/v1/quote'].post.requestBody.content['application/json'].schema.properties.verification.enum).toEqual(['none', 'spot', 'redundant']);
  });

  test('wrong admin token or API key: 401, nothing created or shown', async () => {
    expect((await call('POST', '/v1/accounts', { token: 'nope', json: { name: 'x' } })).status).toBe(401);
    expect((await call('POST', '/v1/accounts', { json: { name: 'x' } })).status).toBe(401);
    const wrong = await call('GET', '/v1/account', { token: key.slice(0, -2) + 'zz' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('unauthorized');
    expect(await gw.db.all('SELECT id FROM accounts')).toHaveLength(1);
    expect((await call('GET', '/v1/nowhere', { token: key })).status).toBe(404);
  });

  test('a scoped key is refused outside its scope and stops working once revoked', async () => {
    const made = await call('POST', '/v1/keys', { token: key, json: { scopes: ['account:read'], label: 'ro' } });
    expect(made.status).toBe(201);
    expect((await call('GET', '/v1/account', { token: made.json.apiKey })).status).toBe(200);
    const denied = await call('POST', '/v1/quote', { token: made.json.apiKey, json: { model: '0'.repeat(64), inputs: [{ name: 'X', dims: [1, 4] }] } });
    expect(denied.status).toBe(403);
    expect((await call('DELETE', `/v1/keys/${made.json.keyId}`, { token: key })).status).toBe(200);
    expect((await call('GET', '/v1/account', { token: made.json.apiKey })).status).toBe(401);
  });

  test('the payment webhook credits once; a replay or a forgery changes nothing', async () => {
    const raw = JSON.stringify({ id: 'evt_http_1', type: 'checkout.session.completed', data: { object: { amount_total: 500, currency: 'usd', client_reference_id: accountId } } });
    const sig = signatureHeader(SECRET, raw);
    const first = await call('POST', '/v1/payments/webhook', { body: raw, headers: { 'stripe-signature': sig, 'content-type': 'application/json' } });
    expect(first.json).toMatchObject({ outcome: 'credited', duplicate: false, credited: '500000000' });
    const replay = await call('POST', '/v1/payments/webhook', { body: raw, headers: { 'stripe-signature': sig } });
    expect(replay.json).toMatchObject({ duplicate: true });
    const forged = await call('POST', '/v1/payments/webhook', { body: raw.replace('500', '900000'), headers: { 'stripe-signature': sig } });
    expect(forged.status).toBe(400);
    expect(forged.json.error.code).toBe('bad_signature');
    const account = await call('GET', '/v1/account', { token: key });
    expect(account.json.account).toMatchObject({ available: '500000000', held: '0' });
    expect(account.json.entries).toHaveLength(1);
  });

  test('models: a real one is stored once by SHA-256; oversized, malformed, custom-op, custom-domain and external-data ones are refused and nothing is stored', async () => {
    const model = denseModel();
    const up = await call('POST', '/v1/models', { token: key, body: model, headers: { 'content-type': 'application/octet-stream' } });
    expect(up.status).toBe(201);
    expect(up.json.model).toMatchObject({ hash: sha256Hex(model), operators: ['MatMul', 'Relu'], parameters: '12' });
    expect(up.json.model.inputs).toEqual([{ name: 'X', elemType: 1, dims: [null, 4] }]);
    expect((await call('POST', '/v1/models', { token: key, body: model })).status).toBe(200);

    const refused = async (body: Uint8Array, status: number, pattern: RegExp) => {
      const r = await call('POST', '/v1/models', { token: key, body });
      expect(r.status).toBe(status);
      expect(r.json.error.message).toMatch(pattern);
    };
    await refused(new Uint8Array(5000), 413, /4096-byte limit/);
    await refused(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2]), 422, /not an ONNX model/);
    await refused(new TextEncoder().encode('definitely not protobuf at all'), 422, /refused/);
    await refused(denseModel('FancyCustomOp'), 422, /"FancyCustomOp" is not on the allowlist/);
    await refused(customDomainModel(), 422, /custom domain "com.example.evil"/);
    await refused(externalDataModel(), 422, /external data/);
    expect(await gw.db.all('SELECT hash FROM models')).toHaveLength(1);
    expect((await call('POST', '/v1/models', { body: model })).status).toBe(401);
  });

  test('quote: priced from the model and input shapes; bad shapes and unknown models get clear errors', async () => {
    const hash = sha256Hex(denseModel());
    const spot = await call('POST', '/v1/quote', { token: key, json: { model: hash, inputs: [{ name: 'X', dims: [1000, 4] }], verification: 'spot' } });
    expect(spot.status).toBe(200);
    expect(spot.json.quote).toMatchObject({ estimatedFlops: String(2 * 12 * 1000), runs: 1 });
    const redundant = await call('POST', '/v1/quote', { token: key, json: { model: hash, inputs: [{ name: 'X', dims: [1000, 4] }], verification: 'redundant' } });
    expect(BigInt(redundant.json.quote.price)).toBe(2n * BigInt(spot.json.quote.price));
    const badDim = await call('POST', '/v1/quote', { token: key, json: { model: hash, inputs: [{ name: 'X', dims: [10, 5] }] } });
    expect(badDim.status).toBe(400);
    expect(badDim.json.error.message).toMatch(/fixes it at 4/);
    const huge = await call('POST', '/v1/quote', { token: key, json: { model: hash, inputs: [{ name: 'X', dims: [1 << 23, 4] }] } });
    expect(huge.json.error.message).toMatch(/over the \d+ limit/);
    expect((await call('POST', '/v1/quote', { token: key, json: { model: 'f'.repeat(64), inputs: [{ name: 'X', dims: [1, 4] }] } })).status).toBe(404);
    expect((await call('POST', '/v1/quote', { token: key, json: { model: hash, inputs: [], extra: 1 } })).status).toBe(400);
    expect((await call('POST', '/v1/quote', { token: key, body: 'x'.repeat(70_000) })).status).toBe(413);
  });
});
