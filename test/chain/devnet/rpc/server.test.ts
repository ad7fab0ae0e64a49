import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import WebSocket from 'ws';
import { RpcPortInUseError, startRpcServer, type RpcServer } from '../../../../src/chain/devnet/rpc';
import { createSender, SLOW_CLIENT_CLOSE_CODE, type SendTarget } from '../../../../src/chain/devnet/rpc/socket-sender';
import { FakeBackend } from './fake-backend';
import { TestClient } from './test-client';

/** HTTP POST, limits, start/stop and logging. */
const httpUrl = (server: RpcServer): string => server.url.replace(/^ws:/, 'http:');

async function post(server: RpcServer, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(httpUrl(server), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

describe('HTTP', () => {
  let backend: FakeBackend;
  let server: RpcServer;

  beforeAll(async () => {
    backend = new FakeBackend();
    server = await startRpcServer({ backend, port: 0, maxPayloadBytes: 1024 });
  });
  afterAll(() => server.close());

  it('serves JSON-RPC over POST on the WebSocket port, single and batch', async () => {
    expect(await post(server, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain' }))).toEqual({
      status: 200,
      text: '{"jsonrpc":"2.0","id":1,"result":"PoG Devnet"}',
    });
    const batch = await post(
      server,
      JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'chain_getBlockHash', params: [0] },
        { jsonrpc: '2.0', id: 'b', method: 'nope' },
      ]),
    );
    expect(JSON.parse(batch.text)).toEqual([
      { jsonrpc: '2.0', id: 'a', result: backend.genesisHash },
      { jsonrpc: '2.0', id: 'b', error: { code: -32601, message: 'Method not found' } },
    ]);
    expect(JSON.parse((await post(server, '{oops')).text)).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    expect((await post(server, JSON.stringify({ jsonrpc: '2.0', method: 'system_chain' }))).status).toBe(204);
  });

  it('refuses subscriptions over HTTP with an error', async () => {
    const { text } = await post(server, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'chain_subscribeNewHeads', params: [] }));
    expect(JSON.parse(text)).toEqual({
      jsonrpc: '2.0',
      id: 2,
      error: { code: -32603, message: 'Subscriptions are not supported over HTTP', data: 'connect over WebSocket to subscribe' },
    });
    expect(backend.listenerCount).toBe(0);
  });

  it('rejects an oversized body with 413 and keeps serving', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'state_call', params: ['Echo_echo', `0x${'00'.repeat(1000)}`] });
    const { status, text } = await post(server, big);
    expect(status).toBe(413);
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32007, message: 'Request is too big', data: 'Exceeded max limit of 1024' } });
    expect((await post(server, JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'system_name' }))).status).toBe(200);
  });

  it('answers GET /health and refuses other GETs', async () => {
    const health = await fetch(`${httpUrl(server)}/health`);
    expect(await health.json()).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    const other = await fetch(httpUrl(server));
    expect(other.status).toBe(405);
    expect(other.headers.get('allow')).toBe('POST');
    await other.text();
  });
});

describe('starting and stopping', () => {
  it('names the port when it is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const attempt = startRpcServer({ backend: new FakeBackend(), port });
      await expect(attempt).rejects.toBeInstanceOf(RpcPortInUseError);
      await expect(attempt).rejects.toMatchObject({ port, host: '127.0.0.1', code: 'EADDRINUSE', message: expect.stringContaining(`port ${port}`) });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('close() disconnects clients, stops listening and may be called twice', async () => {
    const server = await startRpcServer({ backend: new FakeBackend(), port: 0 });
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
    const client = await TestClient.connect(server.url);
    await Promise.all([server.close(), server.close()]);
    expect((await client.closed).code).toBe(1001);
    await expect(TestClient.connect(server.url)).rejects.toThrow();
  });

  it('refuses connections beyond maxConnections with jsonrpsee\'s 429 while the others are in use', async () => {
    const server = await startRpcServer({ backend: new FakeBackend(), port: 0, maxConnections: 1 });
    const first = await TestClient.connect(server.url);
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(server.url);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(429);
    await first.close();
    await server.close();
  });

  it('logs internal errors through a child logger with module rpc', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString('utf8')));
        callback();
      },
    });
    const server = await startRpcServer({ backend: new FakeBackend(), port: 0, logger: pino({ level: 'error' }, destination) });
    await post(server, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_call', params: ['Explode_now', '0x'] }));
    await server.close();
    expect(lines).toContainEqual(expect.objectContaining({ module: 'rpc', method: 'state_call', msg: 'RPC handler failed' }));
  });
});

describe('backpressure', () => {
  function fakeTarget(buffered: number): SendTarget & { sent: string[]; closed: [number, string] | undefined } {
    return {
      readyState: 1,
      bufferedAmount: buffered,
      sent: [],
      closed: undefined,
      send(data) {
        this.sent.push(data);
      },
      close(code, reason) {
        this.closed = [code, reason];
      },
    };
  }

  it('sends while the buffer has room', () => {
    const target = fakeTarget(10);
    const send = createSender(target, 100, pino({ level: 'silent' }));
    expect(send('hello')).toBe(true);
    expect(target.sent).toEqual(['hello']);
    expect(target.closed).toBeUndefined();
  });

  it('closes a socket whose unsent data would exceed the bound, then drops everything', () => {
    const target = fakeTarget(98);
    const send = createSender(target, 100, pino({ level: 'silent' }));
    expect(send('hello')).toBe(false);
    expect(target.closed).toEqual([SLOW_CLIENT_CLOSE_CODE, 'client too slow: more than 100 bytes waiting to be sent']);
    expect(send('again')).toBe(false);
    expect(target.sent).toEqual([]);
  });
});
