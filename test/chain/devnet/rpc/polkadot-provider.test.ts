import { WsProvider } from '@polkadot/api';
import { startRpcServer, type RpcServer } from '../../../../src/chain/devnet/rpc';
import { formatHeader } from '../../../../src/chain/devnet/rpc/format-header';
import { FakeBackend } from './fake-backend';

/** polkadot.js' own WsProvider routes our answers and notifications (no metadata needed). */
let backend: FakeBackend;
let server: RpcServer;
let provider: WsProvider;

beforeAll(async () => {
  backend = new FakeBackend();
  server = await startRpcServer({ backend, port: 0 });
  provider = new WsProvider(server.url, false);
  await provider.connect();
  await provider.isReady;
});

afterAll(async () => {
  await provider.disconnect();
  await server.close();
});

it('calls, errors and header subscriptions arrive where WsProvider expects them', async () => {
  expect(await provider.send('system_chain', [])).toBe('PoG Devnet');
  await expect(provider.send('state_call', ['Missing_api', '0x'])).rejects.toThrow(/4003: Client error: Execution failed/);

  const heads: unknown[] = [];
  const finalized: unknown[] = [];
  const newHeads = await provider.subscribe('chain_newHead', 'chain_subscribeNewHeads', [], (_error, head) => heads.push(head));
  const finalisedHeads = await provider.subscribe('chain_finalizedHead', 'chain_subscribeFinalisedHeads', [], (_error, head) => finalized.push(head));
  const block = backend.buildBlock();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(heads).toEqual([formatHeader(backend.blocks[0]!), formatHeader(block)]);
  expect(finalized).toEqual([formatHeader(backend.blocks[0]!), formatHeader(block)]);
  expect(await provider.unsubscribe('chain_newHead', 'chain_unsubscribeNewHeads', newHeads)).toBe(true);
  expect(await provider.unsubscribe('chain_finalizedHead', 'chain_unsubscribeFinalisedHeads', finalisedHeads)).toBe(true);
  expect(backend.listenerCount).toBe(0);
});
