import { blake2AsHex } from '@polkadot/util-crypto';
import { startRpcServer, type RpcServer } from '../../../../src/chain/devnet/rpc';
import { BAD_SIGNATURE_TX, FakeBackend, THROWING_TX } from './fake-backend';
import { TestClient } from './test-client';

/** author_*: submission, pool errors and the watch status sequence. */
let backend: FakeBackend;
let server: RpcServer;
let client: TestClient;

beforeEach(async () => {
  backend = new FakeBackend();
  server = await startRpcServer({ backend, port: 0 });
  client = await TestClient.connect(server.url);
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('author_', () => {
  it('submits, lists pending extrinsics and returns the hash', async () => {
    expect(await client.call('author_submitExtrinsic', ['0x0401'], 1)).toEqual({ jsonrpc: '2.0', id: 1, result: blake2AsHex('0x0401') });
    expect((await client.call('author_pendingExtrinsics')).result).toEqual(['0x0401']);
    expect((await client.call('author_submitExtrinsic', ['0x0401'])).error).toEqual({ code: 1012, message: 'Transaction is temporarily banned' });
  });

  it('returns the backend error of a rejected extrinsic as the call error', async () => {
    expect(await client.call('author_submitExtrinsic', [BAD_SIGNATURE_TX], 2)).toEqual({
      jsonrpc: '2.0',
      id: 2,
      error: { code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' },
    });
    expect(await client.call('author_submitAndWatchExtrinsic', [BAD_SIGNATURE_TX], 3)).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' },
    });
    expect((await client.call('author_submitAndWatchExtrinsic', [THROWING_TX])).error).toEqual({
      code: -32603,
      message: 'Internal error',
      data: 'pool exploded',
    });
    expect((await client.call('author_submitExtrinsic', ['0x'])).error.code).toBe(-32602);
    await client.expectSilence(30);
  });

  it('author_submitAndWatchExtrinsic reports ready, inBlock, finalized, then ends', async () => {
    const response = await client.call('author_submitAndWatchExtrinsic', ['0x0402'], 4);
    expect(response).toEqual({ jsonrpc: '2.0', id: 4, result: expect.any(String) });
    const id = response.result as string;
    const update = (result: unknown) => ({ jsonrpc: '2.0', method: 'author_extrinsicUpdate', params: { subscription: id, result } });

    expect(await client.next()).toEqual(update('ready'));
    const hash = await client.call('dev_newBlock', [{ count: 1 }]);
    const block = backend.bestBlock();
    expect(block.extrinsics).toEqual(['0x0402']);
    expect(hash.result).toBe(block.hash);
    expect(await client.next()).toEqual(update({ inBlock: block.hash }));
    expect(await client.next()).toEqual(update({ finalized: block.hash }));
    // The subscription ended with the terminal status.
    expect((await client.call('author_unwatchExtrinsic', [id])).result).toBe(false);
  });

  it('author_unwatchExtrinsic stops the updates', async () => {
    const id = (await client.call('author_submitAndWatchExtrinsic', ['0x0403'])).result as string;
    expect((await client.next()).params.result).toBe('ready');
    expect((await client.call('author_unwatchExtrinsic', [id])).result).toBe(true);
    backend.buildBlock();
    await client.expectSilence(30);
  });
});
