import WebSocket from 'ws';
import { startDevnet, type RunningDevnet } from '../../../../src/chain/devnet';
import { parseCors } from '../../../../src/chain/devnet/rpc/origin-policy';
import { TestClient } from './test-client';

/**
 * Hostile clients of the dev chain's RPC port, on the loopback interface: work-heavy and
 * answer-heavy batches, connection floods, foreign web pages, subscription floods. Each
 * asserts that a legitimate client keeps being served (count and latency) while the attack
 * runs and after it, and that the process's memory stays under a stated bound.
 */
/** Resident-memory growth allowed while an attack runs (before the limits, one batch took +1.4 GB). */
const RSS_BOUND_BYTES = 256 * 1024 * 1024;
/** Slowest legitimate answer allowed while an attack runs (before, one batch stalled the process 9 s). */
const LATENCY_BOUND_MS = 1500;

const httpUrl = (devnet: RunningDevnet): string => devnet.url.replace(/^ws:/, 'http:');

/** Calls `chain_getHeader` back to back until `done` settles; returns each call's latency. */
async function probe(client: TestClient, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await client.call('chain_getHeader', [], undefined as never);
    expect(response.result.number).toMatch(/^0x/);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies;
}

/** Samples RSS while `work` runs; resolves with the peak growth over the start. */
async function rssGrowth<T>(work: Promise<T>): Promise<{ value: T; growth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const value = await work;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function rawRequest(url: string, text: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => socket.send(text));
    socket.once('message', (data) => {
      resolve(JSON.parse(String(data)));
      socket.close();
    });
    socket.once('error', reject);
  });
}

function connectIdle(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ socket, status: 101 }));
    socket.once('unexpected-response', (_req, res) => resolve({ socket, status: res.statusCode ?? 0 }));
    socket.on('error', () => undefined);
  });
}

describe('work- and answer-heavy batches', () => {
  let devnet: RunningDevnet;
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true });
  });
  afterAll(() => devnet.close());

  it('refuses oversized batches, cuts answer-heavy ones off at the response limit, and keeps serving others', async () => {
    const legit = await TestClient.connect(devnet.url);
    const keysPaged = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'state_getKeysPaged', params: ['0x', 1000] })));
    const getKeys = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'state_getKeys', params: ['0x'] })));
    const attack = (async () => {
      const outcomes = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push(
          ...(await Promise.all([
            rawRequest(devnet.url, keysPaged),
            rawRequest(devnet.url, getKeys),
            fetch(httpUrl(devnet), { method: 'POST', headers: { 'content-type': 'application/json' }, body: getKeys }).then((r) => r.json()),
          ])),
        );
      }
      return outcomes;
    })();
    const [latencies, measured] = await Promise.all([probe(legit, attack), rssGrowth(attack)]);

    for (let i = 0; i < measured.value.length; i += 3) {
      expect(measured.value[i]).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32010, message: 'The batch request was too large', data: 'Exceeded max limit of 1000' } });
      expect(measured.value[i + 1]).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32010, message: 'The batch request was too large', data: 'Exceeded max limit of 1000' } });
    }
    // A 50 KB batch of 1000 × state_getMetadata asks for hundreds of MB of answers: one bounded error instead.
    const thousand = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'state_getMetadata' })));
    const answerHeavy = rssGrowth(rawRequest(devnet.url, thousand));
    const heavyLatencies = await probe(legit, answerHeavy);
    expect((await answerHeavy).value).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32011, message: 'The batch response was too large', data: `Exceeded max limit of ${15 * 1024 * 1024}` },
    });

    expect((await answerHeavy).growth).toBeLessThan(RSS_BOUND_BYTES);
    expect(Math.max(...heavyLatencies)).toBeLessThan(LATENCY_BOUND_MS);
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(LATENCY_BOUND_MS);
    expect(measured.growth).toBeLessThan(RSS_BOUND_BYTES);
    // After the attack: answered promptly.
    const after = await probe(legit, new Promise((resolve) => setTimeout(resolve, 200)));
    expect(after.length).toBeGreaterThanOrEqual(3);
    expect(median(after)).toBeLessThan(100);
    legit.socket.close();
  }, 60_000);

  it('answers a batch whose answers fit, one request at a time, with the event loop free in between', async () => {
    const legit = await TestClient.connect(devnet.url);
    // 1000 cheap-to-answer but not free requests, interleaved with the legitimate client's.
    const batch = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'state_getKeysPaged', params: ['0x', 100, `0x${'ff'.repeat(32)}`] })));
    const attack = Promise.all([rawRequest(devnet.url, batch), rawRequest(devnet.url, batch)]);
    const latencies = await probe(legit, attack);
    const answers = (await attack) as { result: unknown[] }[][];
    expect(answers.map((a) => a.length)).toEqual([1000, 1000]);
    expect(answers[0]![0]!.result).toEqual([]);
    expect(Math.max(...latencies)).toBeLessThan(LATENCY_BOUND_MS);
    legit.socket.close();
  }, 30_000);
});

describe('connection floods', () => {
  let devnet: RunningDevnet;
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true, rpc: { minQuietMs: 300 } });
  });
  afterAll(() => devnet.close());

  it('255 idle WebSockets do not lock new clients out, and never displace a client that uses its connection', async () => {
    const flood = async (count: number) => Promise.all(Array.from({ length: count }, () => connectIdle(devnet.url)));
    const measured = await rssGrowth(
      (async () => {
        const first = await flood(255);
        await new Promise((resolve) => setTimeout(resolve, 400));
        // New clients replace the idle connections.
        const legit = await TestClient.connect(devnet.url);
        const sub = await legit.call('chain_subscribeNewHeads');
        expect(typeof sub.result).toBe('string');
        await legit.next(); // the current head
        // A second wave while the legitimate client holds its subscription and keeps calling.
        const wave = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          return flood(255);
        })();
        const latencies = await probe(legit, wave);
        const second = await wave;
        // More clients keep getting in after the waves.
        const served: number[] = [];
        await new Promise((resolve) => setTimeout(resolve, 400));
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          const client = await TestClient.connect(devnet.url);
          expect((await client.call('system_health')).result).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
          served.push(performance.now() - started);
          client.socket.close();
        }
        return { first, second, legit, latencies, served };
      })(),
    );
    const { first, second, legit, latencies, served } = measured.value;
    const statuses = [...first, ...second].map((c) => c.status);
    expect(statuses.filter((s) => s === 101).length).toBeGreaterThanOrEqual(64);
    expect(statuses.filter((s) => s !== 101 && s !== 429)).toEqual([]);
    expect(legit.socket.readyState).toBe(WebSocket.OPEN);
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(LATENCY_BOUND_MS);
    expect(served).toHaveLength(5);
    expect(Math.max(...served)).toBeLessThan(LATENCY_BOUND_MS);
    expect(measured.growth).toBeLessThan(RSS_BOUND_BYTES);
    for (const c of [...first, ...second]) c.socket.terminate();
    legit.socket.close();
  }, 60_000);

  it('closes a WebSocket that stays idle without subscriptions, and keeps one that has a subscription', async () => {
    const short = await startDevnet({ port: 0, instant: true, rpc: { idleTimeoutMs: 300 } });
    try {
      const idle = await TestClient.connect(short.url);
      const subscribed = await TestClient.connect(short.url);
      await subscribed.call('chain_subscribeFinalizedHeads');
      expect(await idle.closed).toEqual({ code: 1000, reason: 'idle timeout' });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(subscribed.socket.readyState).toBe(WebSocket.OPEN);
      subscribed.socket.close();
    } finally {
      await short.close();
    }
  });

  it('limits subscriptions per connection with jsonrpsee\'s error, and the connection keeps working', async () => {
    const client = await TestClient.connect(devnet.url);
    const batch = Array.from({ length: 1000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'chain_subscribeFinalizedHeads' }));
    client.send(batch);
    const first = await client.next(10_000);
    expect(first).toHaveLength(1000);
    client.send([...batch.slice(0, 25)].map((r, i) => ({ ...r, id: 1000 + i })));
    let reply = await client.next(10_000);
    while (!Array.isArray(reply)) reply = await client.next(10_000); // skip notifications
    expect(reply.filter((r: { result?: string }) => typeof r.result === 'string')).toHaveLength(24);
    expect(reply.filter((r: { error?: unknown }) => r.error !== undefined)).toEqual([
      { jsonrpc: '2.0', id: 1024, error: { code: -32006, message: 'Too many subscriptions on the connection', data: 'Exceeded max limit of 1024' } },
    ]);
    client.socket.close();
  }, 30_000);
});

describe('storage watches', () => {
  it('bounds the storage keys one connection watches (each is read every block), and blocks keep coming', async () => {
    const devnet = await startDevnet({ port: 0, instant: true });
    try {
      const client = await TestClient.connect(devnet.url);
      const keys = (n: number, offset: number) => Array.from({ length: n }, (_, i) => `0x${(offset + i).toString(16).padStart(8, '0')}`);
      const accepted = [];
      for (let i = 0; i < 3; i++) accepted.push(await client.call('state_subscribeStorage', [keys(4000, i * 4000)]));
      expect(accepted.slice(0, 2).map((r) => typeof r.result)).toEqual(['string', 'string']);
      expect(accepted[2].error).toEqual({ code: -32006, message: 'Too many subscriptions on the connection', data: 'Exceeded max limit of 10000 watched storage keys' });
      // Ending one frees its share.
      expect((await client.call('state_unsubscribeStorage', [accepted[0].result])).result).toBe(true);
      expect(typeof (await client.call('state_subscribeStorage', [keys(4000, 20_000)])).result).toBe('string');
      const started = performance.now();
      await devnet.node.newBlocks(3);
      expect(performance.now() - started).toBeLessThan(LATENCY_BOUND_MS);
      client.socket.close();
    } finally {
      await devnet.close();
    }
  }, 30_000);
});

describe('foreign web pages', () => {
  let devnet: RunningDevnet;
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true });
  });
  afterAll(() => devnet.close());

  const head = async (): Promise<string> => (await rawRequest(devnet.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHeader' })) as { result: { number: string } }).result.number;

  it('refuses a WebSocket upgrade from a foreign Origin with 403, and accepts localhost pages', async () => {
    const foreign = await connectIdle(devnet.url, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const local = await connectIdle(devnet.url, { Origin: 'http://localhost:3000' });
    expect(local.status).toBe(101);
    local.socket.close();
  });

  it('refuses a text/plain POST of dev_newBlock (415) and a JSON POST from a foreign Origin (403); no block is built', async () => {
    const before = await head();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_newBlock', params: [{ count: 5 }] });
    const plain = await fetch(httpUrl(devnet), { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(plain.status).toBe(415);
    expect(await plain.text()).toBe('Supplied content type is not allowed. Content-Type: application/json is required\n');
    const foreign = await fetch(httpUrl(devnet), { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body });
    expect(foreign.status).toBe(403);
    await foreign.text();
    expect(await head()).toBe(before);

    const allowed = await fetch(httpUrl(devnet), { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8080' }, body });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    await allowed.json();
    expect(await head()).not.toBe(before);
  });

  it('--rpc-cors all lets any origin in, and a list lets exactly those in', async () => {
    const open = await startDevnet({ port: 0, instant: true, rpc: { origins: parseCors('all') } });
    const listed = await startDevnet({ port: 0, instant: true, rpc: { origins: parseCors('https://app.example:*') } });
    try {
      const a = await connectIdle(open.url, { Origin: 'https://evil.example' });
      const b = await connectIdle(listed.url, { Origin: 'https://app.example:8443' });
      const c = await connectIdle(listed.url, { Origin: 'http://localhost:3000' });
      expect([a.status, b.status, c.status]).toEqual([101, 101, 403]);
      for (const x of [a, b, c]) x.socket.terminate();
    } finally {
      await Promise.all([open.close(), listed.close()]);
    }
  });
});

describe('parseCors', () => {
  it('takes all, *, or a list of origins, and rejects anything else', () => {
    expect(parseCors('all')).toEqual({ all: true });
    expect(parseCors('*')).toEqual({ all: true });
    expect(parseCors('http://localhost:*, https://Polkadot.js.org,null')).toEqual({ all: false, origins: ['http://localhost:*', 'https://polkadot.js.org', 'null'] });
    expect(() => parseCors('')).toThrow('--rpc-cors takes');
    expect(() => parseCors('localhost')).toThrow('--rpc-cors takes');
    expect(() => parseCors('http://a.example/path')).toThrow('--rpc-cors takes');
  });
});
