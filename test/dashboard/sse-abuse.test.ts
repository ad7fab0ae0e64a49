import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { startDashboard, type DashboardServer } from '../../src/dashboard';
import { HOTKEYS, result, tempDir, writeRound } from './fixtures';

/**
 * 40 Server-Sent Events streams opened and never read, then a second wave while a viewer
 * watches: the viewer keeps getting snapshots (count and latency), the number of streams
 * stays bounded, no stream lives past its lifetime, and the process's memory stays bounded.
 */
/** Resident-memory growth allowed while the attack runs. */
const RSS_BOUND_BYTES = 128 * 1024 * 1024;
/** Slowest first snapshot allowed for a viewer while the attack runs. */
const LATENCY_BOUND_MS = 1500;

let server: DashboardServer;
const held: ClientRequest[] = [];

beforeAll(async () => {
  const stateDir = tempDir('sse-abuse');
  writeRound(stateDir, [result(1, HOTKEYS[0], 0.04), result(2, HOTKEYS[1], 150)]);
  server = await startDashboard({ port: 0, sources: { validatorStateDir: stateDir }, refreshMs: 200, heartbeatMs: 100, maxStreamLifetimeMs: 1500 });
});
afterAll(async () => {
  for (const req of held) req.destroy();
  await server.close();
});

/** Opens a stream and never reads from it (the socket stays paused), as an attacker would. */
function hold(): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}api/stream`, (res) => {
      res.pause();
      resolve(res);
    });
    req.on('error', () => undefined);
    req.setTimeout(5000, () => reject(new Error('no answer')));
    req.end();
    held.push(req);
  });
}

/** Opens a stream as a viewer; resolves with the time to the first snapshot event. */
function view(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}api/stream`, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('event: snapshot') && text.includes('\n\n', text.indexOf('event: snapshot'))) {
          resolve(performance.now() - started);
          req.destroy();
        }
      });
    });
    req.on('error', () => undefined);
    req.setTimeout(LATENCY_BOUND_MS * 2, () => reject(new Error('no snapshot in time')));
    req.end();
  });
}

it('40 held streams and a second wave cannot keep a viewer from getting snapshots', async () => {
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10);
  try {
    const first = await Promise.all(Array.from({ length: 40 }, hold));
    expect(first.every((res) => res.statusCode === 200)).toBe(true);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) latencies.push(await view());
    const wave = Promise.all(Array.from({ length: 40 }, hold));
    for (let i = 0; i < 5; i++) latencies.push(await view());
    await wave;
    for (let i = 0; i < 5; i++) latencies.push(await view());

    expect(latencies).toHaveLength(15);
    expect(Math.max(...latencies)).toBeLessThan(LATENCY_BOUND_MS);
    const health = (await (await fetch(`${server.url}health`)).json()) as { streamClients: number };
    // All from 127.0.0.1: at most the per-address share (8) stays open.
    expect(health.streamClients).toBeLessThanOrEqual(8);
    expect(rssPeak - rssStart).toBeLessThan(RSS_BOUND_BYTES);
  } finally {
    clearInterval(sampler);
  }
}, 30_000);

it('ends every stream after its lifetime', async () => {
  const res = await hold();
  res.resume();
  const started = performance.now();
  await new Promise((resolve) => res.once('end', resolve));
  const lived = performance.now() - started;
  expect(lived).toBeGreaterThan(1000);
  expect(lived).toBeLessThan(4000);
}, 10_000);
