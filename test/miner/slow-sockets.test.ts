import { connect } from 'node:net';
import { signRequest } from '../../src/protocol';
import { pingFor, quantile, slowSockets, type SlowMode } from '../../bench/miner/slow-sockets';
import { startNode, validatorA, type TestNode } from './helpers';

/**
 * The slow-socket attack of issue 13 on a real axon on 127.0.0.1: hundreds of sockets from
 * one address (and then from many) that send their headers a byte at a time, or a chunked
 * body that never ends, while a permitted validator pings from 127.0.0.2. Every ping must be
 * answered, promptly, during the attack and after it, and the process's memory must stay
 * bounded. (Before the connection guard: 0 of 39 pings answered.)
 */
jest.setTimeout(30_000);

/** RSS growth allowed over one attack (the attacker's 256 sockets live in this process too). */
const RSS_BOUND_BYTES = 96 * 2 ** 20;
/** A loaded 2-core machine (the attacker runs in this process too) stretches latencies; starvation shows as failures or 5 s timeouts. */
const P99_BOUND_MS = 3_000;

let t: TestNode;
beforeAll(async () => {
  t = await startNode({ connections: { headersMs: 1_000, bodyMs: 1_000 } });
});
afterAll(() => t.close());

const target = () => ({ port: t.port, receiver: t.hotkey.address, signer: validatorA() });
const rejections = async (reason: string) => (await t.node.metrics.rejections.get({ reason })) ?? 0;

async function underAttack(mode: SlowMode, count: number, from: readonly string[]) {
  const before = await pingFor(target(), 300, 20, 5);
  expect(before.failures).toEqual([]);
  const rssBefore = process.memoryUsage().rss;
  const attack = slowSockets({ port: t.port, from, count, mode, tickMs: 50 });
  try {
    await new Promise((r) => setTimeout(r, 300));
    // Longer than the deadlines, so admitted attackers are cut and come back during the pings.
    const during = await pingFor(target(), 1_500, 20, 10);
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    return { before, during, rssGrowth, attack };
  } finally {
    attack.stop();
  }
}

async function servedAfter() {
  const after = await pingFor(target(), 300, 20, 5);
  expect(after.failures).toEqual([]);
  expect(quantile(after.latenciesMs, 0.99)).toBeLessThan(P99_BOUND_MS);
}

describe.each<SlowMode>(['headers', 'chunked'])('256 slow sockets (%s) from one address', (mode) => {
  it('do not starve signed pings from another address, and are cut at the deadline', async () => {
    const timeoutReason = mode === 'headers' ? 'headers_timeout' : 'body_timeout';
    const timedOut = await rejections(timeoutReason);
    const refused = await rejections('address_limit');
    const { during, rssGrowth, attack } = await underAttack(mode, 256, ['127.0.0.1']);
    expect(during.failures).toEqual([]);
    expect(during.latenciesMs.length).toBeGreaterThanOrEqual(10);
    expect(quantile(during.latenciesMs, 0.99)).toBeLessThan(P99_BOUND_MS);
    // The attack was real: most of it refused at accept, the admitted few cut by the deadline.
    expect((await rejections('address_limit')) - refused).toBeGreaterThan(200);
    expect((await rejections(timeoutReason)) - timedOut).toBeGreaterThanOrEqual(8);
    expect(attack.closedByServer()).toBeGreaterThan(200);
    expect(rssGrowth).toBeLessThan(RSS_BOUND_BYTES);
    await servedAfter();
  });
});

it('a flood from many addresses fills the anonymous share, and pings still get in (the oldest anonymous socket makes room)', async () => {
  const evicted = await rejections('evicted');
  const from = Array.from({ length: 40 }, (_, i) => `127.0.1.${i + 1}`);
  const { during, rssGrowth } = await underAttack('headers', 320, from);
  expect(during.failures).toEqual([]);
  expect(quantile(during.latenciesMs, 0.99)).toBeLessThan(P99_BOUND_MS);
  expect((await rejections('evicted')) - evicted).toBeGreaterThan(0);
  expect(rssGrowth).toBeLessThan(RSS_BOUND_BYTES);
  await servedAfter();
});

it('an authenticated keep-alive connection is never evicted by anonymous newcomers', async () => {
  const small = await startNode({ connections: { maxConnections: 8, reservedTrusted: 2, maxPerAddress: 8 } });
  try {
    // A signed request on a raw keep-alive socket makes it trusted; then 8 anonymous sockets arrive.
    const body = Buffer.from('{}');
    const send = (socket: ReturnType<typeof connect>) => {
      const headers = signRequest({ signer: validatorA(), receiver: small.hotkey.address, body, method: 'POST', path: '/ping' });
      const lines = Object.entries({ ...headers, host: 'miner', 'content-type': 'application/json', 'content-length': '2' }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`POST /ping HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n{}`);
      return new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    };
    const validator = connect({ port: small.port, host: '127.0.0.1', localAddress: '127.0.0.2' });
    await new Promise((r) => validator.once('connect', r));
    expect(await send(validator)).toMatch(/^HTTP\/1\.1 200/);
    const attack = slowSockets({ port: small.port, from: ['127.0.0.1'], count: 8, mode: 'headers', tickMs: 50 });
    try {
      await new Promise((r) => setTimeout(r, 400));
      expect(small.node.server.guard.counts.trusted).toBe(1);
      expect(small.node.server.guard.counts.anonymous).toBeLessThanOrEqual(6);
      expect(await send(validator)).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      attack.stop();
      validator.destroy();
    }
  } finally {
    await small.close();
  }
});
