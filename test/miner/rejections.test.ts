import { connect } from 'node:net';
import { preset } from '../../src/pog';
import { signRequest, verifyResponse } from '../../src/protocol';
import { call, newChallenge, raw, startNode, stranger, validatorA, validatorB, type TestNode } from './helpers';

/**
 * Every class of bad request, through real HTTP on 127.0.0.1: each gets its 4xx and reason,
 * is counted in the metrics, and the miner keeps serving honest validators afterwards.
 */
let t: TestNode;
beforeAll(async () => {
  t = await startNode();
});
afterAll(() => t.close());

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const challengeBody = () => utf8(JSON.stringify(newChallenge(preset('ci'))));

function signed(body: Uint8Array, overrides: { signer?: ReturnType<typeof validatorA>; receiver?: string; nowMs?: number; path?: string; method?: string } = {}) {
  return signRequest({
    signer: overrides.signer ?? validatorA(),
    receiver: overrides.receiver ?? t.hotkey.address,
    body,
    method: overrides.method ?? 'POST',
    path: overrides.path ?? '/challenge',
    nowMs: overrides.nowMs,
  });
}

const post = (headers: Record<string, string>, body: Uint8Array | string, path = '/challenge') =>
  raw(t.port, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body });

async function expectServing(): Promise<void> {
  const health = await raw(t.port, { path: '/health' });
  expect(health.status).toBe(200);
  const ok = await call(t, validatorA(), '/challenge', newChallenge(preset('ci')));
  expect(ok.status).toBe(200);
}

describe('refused requests', () => {
  it('unsigned: 400 missing_header', async () => {
    const r = await post({}, challengeBody());
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'missing_header', reason: 'missing_header' });
    const get = await raw(t.port, { path: '/capacity' });
    expect(get.json).toMatchObject({ reason: 'missing_header' });
  });

  it('forged: a body changed after signing, or a signature by another key, is 401 bad_signature', async () => {
    const body = challengeBody();
    const headers = signed(body);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 2]! ^= 1;
    expect((await post(headers, tampered)).json).toMatchObject({ reason: 'bad_signature' });
    // B's signature under A's name
    const forged = { ...signed(body, { signer: validatorB() }), 'epistula-signed-by': validatorA().address };
    const r = await post(forged, body);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ reason: 'bad_signature' });
    // the same signature used on another route
    const r2 = await post(signed(body), body, '/audit');
    expect(r2.json).toMatchObject({ reason: 'bad_signature' });
  });

  it('replayed: the second copy of an accepted request is 401 replayed', async () => {
    const body = challengeBody();
    const headers = signed(body);
    expect((await post(headers, body)).status).toBe(200);
    const again = await post(headers, body);
    expect(again.status).toBe(401);
    expect(again.json).toMatchObject({ reason: 'replayed' });
  });

  it('stale: a timestamp a minute old (or ahead) is 401 stale', async () => {
    const body = challengeBody();
    for (const nowMs of [Date.now() - 60_000, Date.now() + 60_000]) {
      const r = await post(signed(body, { nowMs }), body);
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ reason: 'stale' });
    }
  });

  it('oversized: a body over the route bound is 413 body_too_large, declared or streamed', async () => {
    const big = Buffer.alloc(5000, 0x20);
    const declared = await post(signed(big), big);
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ reason: 'body_too_large' });
    // chunked: no content-length, the bound is enforced while reading
    const chunked = await new Promise<number>((resolve, reject) => {
      const socket = connect(t.port, '127.0.0.1', () => {
        socket.write('POST /challenge HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n');
        for (let i = 0; i < 10; i++) socket.write(`400\r\n${'a'.repeat(0x400)}\r\n`);
      });
      let text = '';
      socket.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /^HTTP\/1\.1 (\d+)/.exec(text);
        if (m) {
          socket.destroy();
          resolve(Number(m[1]));
        }
      });
      socket.on('error', reject);
    });
    expect(chunked).toBe(413);
    // an audit request has its own, larger bound
    const hugeAudit = Buffer.alloc(9000, 0x20);
    expect((await post(signed(hugeAudit, { path: '/audit' }), hugeAudit, '/audit')).status).toBe(413);
  });

  it('malformed: bad JSON or a schema violation is 400 invalid_message; a bad header is 400 malformed', async () => {
    for (const text of ['{"version":1,', JSON.stringify({ ...newChallenge(preset('ci')), seed: 'zz' }), JSON.stringify({ ...newChallenge(preset('ci')), params: { ...preset('ci'), rows: 1000 } })]) {
      const body = utf8(text);
      const r = await post(signed(body), body);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ reason: 'invalid_message' });
    }
    const body = challengeBody();
    const r = await post({ ...signed(body), 'epistula-request-signature': '0x1234' }, body);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ reason: 'malformed' });
    const badLength = await raw(t.port, { method: 'POST', path: '/challenge', headers: { 'content-length': 'abc' } }).catch(() => null);
    expect(badLength === null || badLength.status === 400).toBe(true);
  });

  it('a refusal after authentication is signed by the miner for that request', async () => {
    const body = utf8('not json');
    const headers = signed(body);
    const r = await post(headers, body);
    expect(r.status).toBe(400);
    verifyResponse({ headers: r.headers, body: utf8(r.text), requestUuid: headers['epistula-uuid']!, expectedSigner: t.hotkey.address });
  });

  it('signed for another miner: 401 bad_receiver', async () => {
    const body = challengeBody();
    const r = await post(signed(body, { receiver: validatorB().address }), body);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ reason: 'bad_receiver' });
  });

  it('a hotkey with no permit and not on the allowlist: 403 not_allowed', async () => {
    const body = challengeBody();
    const r = await post(signed(body, { signer: stranger() }), body);
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ reason: 'not_allowed' });
    await expect(call(t, stranger(), '/capacity')).rejects.toMatchObject({ status: 403, reason: 'not_allowed' });
  });

  it('unknown routes and wrong methods: 404 not_found, 405 method_not_allowed', async () => {
    expect((await raw(t.port, { path: '/nope' })).json).toMatchObject({ reason: 'not_found' });
    const r = await raw(t.port, { method: 'GET', path: '/challenge' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it('a wrong device or an absurd workload is refused before it takes the device', async () => {
    const cuda = { ...newChallenge(preset('ci')), device: 'cuda' as const };
    await expect(call(t, validatorA(), '/challenge', cuda)).rejects.toMatchObject({ status: 400, reason: 'wrong_device' });
    const huge = newChallenge(preset('gpu'));
    await expect(call(t, validatorA(), '/challenge', huge)).rejects.toMatchObject({ status: 400, reason: 'over_device_memory' });
  });

  it('a client that sends half a request does not stall anyone else', async () => {
    const slow = connect(t.port, '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write('POST /challenge HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"ver');
    await expectServing();
    slow.destroy();
  });

  it('a request not received in time is answered 408 body_timeout and its socket closed', async () => {
    const quick = await startNode({ connections: { headersMs: 300, bodyMs: 400 } });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(quick.port, '127.0.0.1', () => socket.write('POST /challenge HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"ver'));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      expect(answer).toContain('"reason":"body_timeout"');
      expect(await quick.node.metrics.rejections.get({ reason: 'body_timeout' })).toBe(1);
    } finally {
      await quick.close();
    }
  });

  it('counts every refusal by reason in /metrics and keeps serving', async () => {
    await expectServing();
    const metrics = (await raw(t.port, { path: '/metrics' })).text;
    for (const reason of ['missing_header', 'bad_signature', 'replayed', 'stale', 'body_too_large', 'invalid_message', 'malformed', 'bad_receiver', 'not_allowed', 'not_found', 'wrong_device']) {
      expect(metrics).toMatch(new RegExp(`^pog_miner_rejections_total\\{reason="${reason}"\\} [1-9]`, 'm'));
    }
  });
});
