import { startRpcServer, type RpcServer } from '../../../../src/chain/devnet/rpc';
import { formatHeader } from '../../../../src/chain/devnet/rpc/format-header';
import { FakeBackend } from './fake-backend';
import { TestClient } from './test-client';

/** Subscription lifecycle on the wire: ids, notification names, first values, changes, unsubscribe, close. */
let backend: FakeBackend;
let server: RpcServer;
let client: TestClient;

beforeEach(async () => {
  backend = new FakeBackend();
  server = await startRpcServer({ backend, port: 0, maxSubscriptionsPerConnection: 4 });
  client = await TestClient.connect(server.url);
});

afterEach(async () => {
  await client.close();
  await server.close();
});

async function subscribe(method: string, params: unknown[] = []): Promise<string> {
  const response = await client.call(method, params);
  expect(response).toEqual({ jsonrpc: '2.0', id: response.id, result: expect.stringMatching(/^[A-Za-z0-9]{16}$/) });
  return response.result as string;
}

const notification = (method: string, subscription: string, result: unknown) => ({
  jsonrpc: '2.0',
  method,
  params: { subscription, result },
});

describe('header subscriptions', () => {
  it('chain_subscribeNewHeads sends the head at once, then every new block, until unsubscribed', async () => {
    const id = await subscribe('chain_subscribeNewHeads');
    expect(await client.next()).toEqual(notification('chain_newHead', id, formatHeader(backend.bestBlock())));

    const one = backend.buildBlock();
    expect(await client.next()).toEqual(notification('chain_newHead', id, formatHeader(one)));
    const two = backend.buildBlock();
    expect(await client.next()).toEqual(notification('chain_newHead', id, { ...formatHeader(two), number: '0x2' }));

    expect(await client.call('chain_unsubscribeNewHeads', [id], 50)).toEqual({ jsonrpc: '2.0', id: 50, result: true });
    expect(await client.call('chain_unsubscribeNewHeads', [id], 51)).toEqual({ jsonrpc: '2.0', id: 51, result: false });
    backend.buildBlock();
    await client.expectSilence(50);
    expect(backend.listenerCount).toBe(0);
  });

  it('legacy names deliver chain_newHead too', async () => {
    const a = await subscribe('chain_subscribeNewHead');
    const b = await subscribe('subscribe_newHead');
    expect((await client.next()).method).toBe('chain_newHead');
    expect((await client.next()).method).toBe('chain_newHead');
    expect((await client.call('unsubscribe_newHead', [a])).result).toBe(true);
    expect((await client.call('chain_unsubscribeNewHead', [b])).result).toBe(true);
  });

  it('finalized and all-heads subscriptions use chain_finalizedHead and chain_allHead', async () => {
    const finalized = await subscribe('chain_subscribeFinalizedHeads');
    expect(await client.next()).toEqual(notification('chain_finalizedHead', finalized, formatHeader(backend.finalizedBlock())));
    const british = await subscribe('chain_subscribeFinalisedHeads');
    expect(await client.next()).toMatchObject({ method: 'chain_finalizedHead', params: { subscription: british } });
    const all = await subscribe('chain_subscribeAllHeads');
    expect(await client.next()).toMatchObject({ method: 'chain_allHead', params: { subscription: all } });

    const block = backend.buildBlock();
    const received = [await client.next(), await client.next(), await client.next()];
    expect(received).toEqual(
      expect.arrayContaining([
        notification('chain_finalizedHead', finalized, formatHeader(block)),
        notification('chain_finalizedHead', british, formatHeader(block)),
        notification('chain_allHead', all, formatHeader(block)),
      ]),
    );
    expect((await client.call('chain_unsubscribeFinalisedHeads', [finalized])).result).toBe(true);
    expect((await client.call('chain_unsubscribeFinalizedHeads', [british])).result).toBe(true);
    expect((await client.call('chain_unsubscribeAllHeads', [all])).result).toBe(true);
  });

  it('an unsubscribe only ends subscriptions of its own kind; unknown ids give false', async () => {
    const id = await subscribe('chain_subscribeNewHeads');
    await client.next();
    expect((await client.call('state_unsubscribeStorage', [id])).result).toBe(false);
    expect((await client.call('chain_unsubscribeNewHeads', ['nope'])).result).toBe(false);
    expect((await client.call('chain_unsubscribeNewHeads', [])).error.code).toBe(-32602);
    expect((await client.call('chain_unsubscribeNewHeads', [id])).result).toBe(true);
  });

  it('bounds the subscriptions of one connection', async () => {
    for (let i = 0; i < 4; i++) {
      await subscribe('chain_subscribeNewHeads');
      await client.next();
    }
    expect((await client.call('chain_subscribeNewHeads', [], 99)).error).toEqual({
      code: -32006,
      message: 'Too many subscriptions on the connection',
      data: 'Exceeded max limit of 4',
    });
  });

  it('closing the socket removes every backend listener', async () => {
    await subscribe('chain_subscribeNewHeads');
    await subscribe('chain_subscribeFinalizedHeads');
    await subscribe('state_subscribeStorage', [['0x0a01']]);
    await subscribe('state_subscribeRuntimeVersion');
    expect(backend.listenerCount).toBe(4);
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backend.listenerCount).toBe(0);
    backend.buildBlock();
    // The server still serves new connections.
    client = await TestClient.connect(server.url);
    expect((await client.call('system_chain')).result).toBe('PoG Devnet');
  });
});

describe('state_subscribeStorage', () => {
  it('sends all requested keys first, then only keys whose value changed', async () => {
    const id = await subscribe('state_subscribeStorage', [['0x0a01', '0x0a02']]);
    expect(await client.next()).toEqual(
      notification('state_storage', id, { block: backend.genesisHash, changes: [['0x0a01', '0x01'], ['0x0a02', null]] }),
    );

    backend.setStorage('0x0a02', '0x02');
    backend.setStorage('0x0b', '0xff');
    const one = backend.buildBlock();
    expect(await client.next()).toEqual(notification('state_storage', id, { block: one.hash, changes: [['0x0a02', '0x02']] }));

    backend.setStorage('0x0b', '0x00');
    backend.buildBlock();
    backend.setStorage('0x0a01', null);
    backend.setStorage('0x0a02', '0x02');
    const three = backend.buildBlock();
    expect(await client.next()).toEqual(notification('state_storage', id, { block: three.hash, changes: [['0x0a01', null]] }));

    expect((await client.call('state_unsubscribeStorage', [id])).result).toBe(true);
    backend.setStorage('0x0a01', '0x05');
    backend.buildBlock();
    await client.expectSilence(50);
  });

  it('refuses to stream every storage change without keys', async () => {
    expect((await client.call('state_subscribeStorage', [])).error).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: 'the dev chain does not stream every storage change; pass the list of keys to watch',
    });
    expect(backend.listenerCount).toBe(0);
  });
});

describe('state_subscribeRuntimeVersion', () => {
  it('sends the version at once and again only when it changes', async () => {
    const id = await subscribe('state_subscribeRuntimeVersion');
    expect(await client.next()).toMatchObject({ method: 'state_runtimeVersion', params: { subscription: id, result: { specVersion: 100 } } });
    backend.buildBlock();
    await client.expectSilence(30);
    backend.specVersion = 101;
    backend.buildBlock();
    expect(await client.next()).toMatchObject({ method: 'state_runtimeVersion', params: { subscription: id, result: { specVersion: 101 } } });
    expect((await client.call('chain_unsubscribeRuntimeVersion', [id])).result).toBe(true);
  });
});
