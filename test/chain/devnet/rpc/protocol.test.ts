import { startRpcServer, type RpcServer } from '../../../../src/chain/devnet/rpc';
import { FakeBackend } from './fake-backend';
import { TestClient } from './test-client';

/** The JSON-RPC 2.0 envelope over WebSocket: every error class, batches, odd frames. */
let backend: FakeBackend;
let server: RpcServer;
let client: TestClient;

beforeEach(async () => {
  backend = new FakeBackend();
  server = await startRpcServer({ backend, port: 0, maxPayloadBytes: 64 * 1024 });
  client = await TestClient.connect(server.url);
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('JSON-RPC errors', () => {
  it('answers malformed JSON with a parse error and id null', async () => {
    client.sendRaw('{"jsonrpc":"2.0","id":1,');
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  });

  it('answers an invalid request with -32600, keeping a usable id', async () => {
    client.send({ jsonrpc: '1.0', id: 7, method: 'system_chain' });
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32600, message: 'Invalid request' } });
    client.send({ jsonrpc: '2.0', id: { nested: true }, method: 'system_chain' });
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } });
    client.send('just a string');
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } });
    client.send({ jsonrpc: '2.0', id: 'x', method: 42 });
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: 'x', error: { code: -32600, message: 'Invalid request' } });
  });

  it('answers an unknown method with -32601 and the string id', async () => {
    expect(await client.call('chain_nope', [], 'abc')).toEqual({
      jsonrpc: '2.0',
      id: 'abc',
      error: { code: -32601, message: 'Method not found' },
    });
  });

  it('answers bad params with -32602 naming the parameter', async () => {
    expect(await client.call('chain_getHeader', ['0xzz'], 3)).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32602, message: 'Invalid params', data: "parameter 0 'hash': expected a 32-byte hash: 0x followed by 64 hex digits" },
    });
    expect((await client.call('state_getStorage', ['0x123'])).error).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: "parameter 0 'key': expected a 0x-prefixed hex string with an even number of hex digits",
    });
    expect((await client.call('state_getStorage', [])).error.data).toBe("missing required parameter 0 'key'");
    expect((await client.call('system_chain', [1])).error.data).toBe('expected at most 0 parameters, got 1');
    expect((await client.call('state_getKeysPaged', ['0x', -1])).error.data).toBe("parameter 1 'count': expected an unsigned 32-bit integer");
    expect((await client.call('system_accountNextIndex', ['nope'])).error.code).toBe(-32602);
    expect((await client.call('dev_newBlock', [{ count: 0 }])).error.data).toBe("parameter 0 'options': expected a positive integer at count");
  });

  it('accepts params by name', async () => {
    const genesis = backend.genesisHash;
    expect((await client.call('chain_getBlockHash', { blockNumber: 0 })).result).toBe(genesis);
    expect((await client.call('chain_getBlockHash', { number: 0 })).error).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: 'unknown parameter: number',
    });
  });

  it('passes an RpcError through with its code, message and data', async () => {
    expect(await client.call('state_call', ['Missing_api', '0x'], 9)).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: { code: 4003, message: 'Client error: Execution failed', data: 'Exported method Missing_api is not found' },
    });
  });

  it('answers a plain Error with -32603 and keeps serving', async () => {
    expect(await client.call('state_call', ['Explode_now', '0x'], 10)).toEqual({
      jsonrpc: '2.0',
      id: 10,
      error: { code: -32603, message: 'Internal error', data: 'kaboom' },
    });
    expect(await client.call('system_chain', [], 11)).toEqual({ jsonrpc: '2.0', id: 11, result: 'PoG Devnet' });
  });

  it('does not answer notifications (no id)', async () => {
    client.send({ jsonrpc: '2.0', method: 'system_chain' });
    client.send({ jsonrpc: '2.0', method: 'no_such_method' });
    expect(await client.call('system_name', [], 1)).toEqual({ jsonrpc: '2.0', id: 1, result: 'pog-devnet' });
    await client.expectSilence(50);
  });
});

describe('batches', () => {
  it('answers each entry in order, with its own id and error', async () => {
    client.send([
      { jsonrpc: '2.0', id: 1, method: 'system_chain' },
      { jsonrpc: '2.0', id: 'two', method: 'nope' },
      { jsonrpc: '2.0', method: 'system_name' },
      { jsonrpc: '2.0', id: 3, method: 'chain_getHeader', params: ['0x00'] },
      42,
      { jsonrpc: '2.0', id: 4, method: 'state_call', params: ['Explode_now', '0x'] },
    ]);
    expect(await client.next()).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'PoG Devnet' },
      { jsonrpc: '2.0', id: 'two', error: { code: -32601, message: 'Method not found' } },
      { jsonrpc: '2.0', id: 3, error: expect.objectContaining({ code: -32602, message: 'Invalid params' }) },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } },
      { jsonrpc: '2.0', id: 4, error: { code: -32603, message: 'Internal error', data: 'kaboom' } },
    ]);
  });

  it('answers an empty batch with one invalid request error', async () => {
    client.send([]);
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request', data: 'empty batch' } });
  });

  it('sends a subscription made in a batch after the batch response', async () => {
    client.send([
      { jsonrpc: '2.0', id: 1, method: 'chain_subscribeNewHeads', params: [] },
      { jsonrpc: '2.0', id: 2, method: 'system_chain', params: [] },
    ]);
    const batch = await client.next();
    expect(batch[0]).toEqual({ jsonrpc: '2.0', id: 1, result: expect.any(String) });
    const notification = await client.next();
    expect(notification).toMatchObject({ method: 'chain_newHead', params: { subscription: batch[0].result } });
  });
});

describe('frames', () => {
  it('accepts JSON in a binary frame and answers in text', async () => {
    client.sendRaw(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'system_chain' })), true);
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: 5, result: 'PoG Devnet' });
  });

  it('answers a binary frame that is not UTF-8 with a parse error', async () => {
    client.sendRaw(Buffer.from([0xff, 0xfe, 0x00]), true);
    expect(await client.next()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  });

  it('closes a connection that sends an oversized frame (1009) and keeps serving others', async () => {
    const sub = await client.call('chain_subscribeNewHeads');
    await client.next();
    client.sendRaw('x'.repeat(64 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
    expect(sub.result).toEqual(expect.any(String));
    // The socket's subscriptions were released.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backend.listenerCount).toBe(0);

    const other = await TestClient.connect(server.url);
    expect(await other.call('system_chain', [], 1)).toEqual({ jsonrpc: '2.0', id: 1, result: 'PoG Devnet' });
    await other.close();
  });
});
