import { blake2AsHex } from '@polkadot/util-crypto';
import { startRpcServer, type RpcServer } from '../../../../src/chain/devnet/rpc';
import { ALICE, FakeBackend } from './fake-backend';
import { TestClient } from './test-client';

/** Substrate's method names, parameters and JSON shapes for chain_, state_, system_, rpc_ and dev_. */
let backend: FakeBackend;
let server: RpcServer;
let client: TestClient;

beforeAll(async () => {
  backend = new FakeBackend();
  backend.setStorage('0x0a02', '0xbeef');
  backend.setStorage('0x0b01', '0x00');
  backend.buildBlock();
  server = await startRpcServer({ backend, port: 0 });
  client = await TestClient.connect(server.url);
});

afterAll(async () => {
  await client.close();
  await server.close();
});

const result = async (method: string, params: unknown = []): Promise<unknown> => {
  const response = await client.call(method, params);
  if (response.error !== undefined) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
  return response.result;
};

describe('chain_', () => {
  it('chain_getBlockHash takes nothing, a number, a hex number or a list; beyond the head is null', async () => {
    const [genesis, one] = backend.blocks;
    expect(await result('chain_getBlockHash')).toBe(one!.hash);
    expect(await result('chain_getBlockHash', [null])).toBe(one!.hash);
    expect(await result('chain_getBlockHash', [0])).toBe(genesis!.hash);
    expect(await result('chain_getBlockHash', ['0x1'])).toBe(one!.hash);
    expect(await result('chain_getBlockHash', [99])).toBeNull();
    expect(await result('chain_getBlockHash', [[0, '0x1', 2]])).toEqual([genesis!.hash, one!.hash, null]);
    expect(await result('chain_getHead')).toBe(one!.hash);
    expect((await client.call('chain_getBlockHash', [2 ** 32])).error.code).toBe(-32602);
  });

  it('chain_getHeader renders Substrate header JSON with a hex block number', async () => {
    const one = backend.blocks[1]!;
    const header = {
      parentHash: backend.genesisHash,
      number: '0x1',
      stateRoot: one.stateRoot,
      extrinsicsRoot: one.extrinsicsRoot,
      digest: { logs: ['0x0642414245b50101'] },
    };
    expect(await result('chain_getHeader')).toEqual(header);
    expect(await result('chain_getHeader', [one.hash])).toEqual(header);
    expect(await result('chain_getHeader', [`0x${'11'.repeat(32)}`])).toBeNull();
    expect(((await result('chain_getHeader', [backend.genesisHash])) as { number: string }).number).toBe('0x0');
  });

  it('chain_getBlock wraps header and extrinsics, with null justifications', async () => {
    const block = (await result('chain_getBlock', [backend.genesisHash])) as Record<string, unknown>;
    expect(block).toEqual({
      block: { header: expect.objectContaining({ number: '0x0', parentHash: `0x${'00'.repeat(32)}` }), extrinsics: [] },
      justifications: null,
    });
    expect(await result('chain_getBlock', [`0x${'22'.repeat(32)}`])).toBeNull();
  });

  it('chain_getFinalizedHead and its British alias', async () => {
    expect(await result('chain_getFinalizedHead')).toBe(backend.blocks[1]!.hash);
    expect(await result('chain_getFinalisedHead')).toBe(backend.blocks[1]!.hash);
  });
});

describe('state_', () => {
  it('runtime version in Substrate JSON, also as chain_getRuntimeVersion', async () => {
    const version = {
      specName: 'node-subtensor',
      implName: 'node-subtensor',
      authoringVersion: 1,
      specVersion: 100,
      implVersion: 1,
      apis: [['0xdf6acb689907609b', 5]],
      transactionVersion: 1,
      systemVersion: 1,
      stateVersion: 1,
    };
    expect(await result('state_getRuntimeVersion')).toEqual(version);
    expect(await result('chain_getRuntimeVersion', [backend.genesisHash])).toEqual(version);
  });

  it('metadata and runtime calls (with the state_callAt alias)', async () => {
    expect(await result('state_getMetadata')).toBe('0x6d6574610e00');
    expect(await result('state_call', ['Echo_echo', '0x0102'])).toBe('0x0102');
    expect(await result('state_callAt', ['Echo_echo', '0xABCD', backend.genesisHash])).toBe('0xabcd');
  });

  it('storage values, hashes and sizes, at the head or at a block', async () => {
    expect(await result('state_getStorage', ['0x0a02'])).toBe('0xbeef');
    expect(await result('state_getStorageAt', ['0x0a02', backend.genesisHash])).toBeNull();
    expect(await result('state_getStorage', ['0x0A02'])).toBe('0xbeef');
    expect(await result('state_getStorageHash', ['0x0a02'])).toBe(blake2AsHex('0xbeef', 256));
    expect(await result('state_getStorageHash', ['0x0c'])).toBeNull();
    expect(await result('state_getStorageSize', ['0x0a02'])).toBe(2);
    expect(await result('state_getStorageSize', ['0x0c'])).toBeNull();
    const unknown = `0x${'33'.repeat(32)}`;
    expect((await client.call('state_getStorage', ['0x0a02', unknown])).error).toEqual({
      code: 4003,
      message: 'Client error: UnknownBlock',
      data: `Header was not found in the database: ${unknown}`,
    });
  });

  it('state_queryStorageAt returns one change set with every key', async () => {
    expect(await result('state_queryStorageAt', [['0x0a01', '0x0a02', '0x0c']])).toEqual([
      { block: backend.blocks[1]!.hash, changes: [['0x0a01', '0x01'], ['0x0a02', '0xbeef'], ['0x0c', null]] },
    ]);
    expect(await result('state_queryStorageAt', [['0x0a02'], backend.genesisHash])).toEqual([
      { block: backend.genesisHash, changes: [['0x0a02', null]] },
    ]);
  });

  it('keys by prefix, paged and unpaged', async () => {
    expect(await result('state_getKeysPaged', ['0x0a', 10])).toEqual(['0x0a01', '0x0a02']);
    expect(await result('state_getKeysPaged', ['0x0a', 1, '0x0a01'])).toEqual(['0x0a02']);
    expect(await result('state_getKeysPagedAt', ['0x', 10, null, backend.genesisHash])).toEqual(['0x0a01']);
    expect(await result('state_getKeys', ['0x'])).toEqual(['0x0a01', '0x0a02', '0x0b01']);
    expect((await client.call('state_getKeysPaged', ['0x', 1001])).error).toEqual({
      code: 4002,
      message: 'count exceeds maximum value. value: 1001, max: 1000',
    });
  });
});

describe('system_', () => {
  it('answers node identity for a single development node', async () => {
    expect(await result('system_chain')).toBe('PoG Devnet');
    expect(await result('system_name')).toBe('pog-devnet');
    expect(await result('system_version')).toBe('0.1.0-test');
    expect(await result('system_properties')).toEqual({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' });
    expect(await result('system_chainType')).toBe('Development');
    expect(await result('system_health')).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    expect(await result('system_peers')).toEqual([]);
    expect(await result('system_nodeRoles')).toEqual(['Authority']);
    expect(await result('system_syncState')).toEqual({ startingBlock: 0, currentBlock: 1, highestBlock: 1 });
    expect(await result('system_localListenAddresses')).toEqual([]);
    expect(await result('system_localPeerId')).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(await result('system_accountNextIndex', [ALICE])).toBe(0);
    expect(await result('account_nextIndex', [`0x${'d4'.repeat(32)}`])).toBe(0);
  });
});

describe('rpc_methods', () => {
  it('lists every method, aliases and (un)subscribe names included, sorted', async () => {
    const { version, methods } = (await result('rpc_methods')) as { version: number; methods: string[] };
    expect(version).toBe(1);
    expect(methods).toEqual([...methods].sort());
    for (const name of [
      'author_pendingExtrinsics',
      'author_submitAndWatchExtrinsic',
      'author_submitExtrinsic',
      'author_unwatchExtrinsic',
      'chain_getBlock',
      'chain_getBlockHash',
      'chain_getFinalisedHead',
      'chain_getFinalizedHead',
      'chain_getHeader',
      'chain_getRuntimeVersion',
      'chain_subscribeAllHeads',
      'chain_subscribeFinalisedHeads',
      'chain_subscribeFinalizedHeads',
      'chain_subscribeNewHead',
      'chain_subscribeNewHeads',
      'chain_subscribeRuntimeVersion',
      'chain_unsubscribeAllHeads',
      'chain_unsubscribeFinalisedHeads',
      'chain_unsubscribeFinalizedHeads',
      'chain_unsubscribeNewHead',
      'chain_unsubscribeNewHeads',
      'chain_unsubscribeRuntimeVersion',
      'dev_newBlock',
      'rpc_methods',
      'state_call',
      'state_callAt',
      'state_getKeys',
      'state_getKeysPaged',
      'state_getKeysPagedAt',
      'state_getMetadata',
      'state_getRuntimeVersion',
      'state_getStorage',
      'state_getStorageAt',
      'state_getStorageHash',
      'state_getStorageSize',
      'state_queryStorageAt',
      'state_subscribeRuntimeVersion',
      'state_subscribeStorage',
      'state_unsubscribeRuntimeVersion',
      'state_unsubscribeStorage',
      'subscribe_newHead',
      'system_accountNextIndex',
      'system_chain',
      'system_chainType',
      'system_health',
      'system_localListenAddresses',
      'system_localPeerId',
      'system_name',
      'system_nodeRoles',
      'system_peers',
      'system_properties',
      'system_syncState',
      'system_version',
      'unsubscribe_newHead',
    ]) {
      expect(methods).toContain(name);
    }
  });
});

describe('dev_newBlock', () => {
  it('builds blocks and returns the new head hash', async () => {
    const head = await result('dev_newBlock', [{ count: 2 }]);
    expect(head).toBe(backend.bestBlock().hash);
    expect(backend.bestBlock().number).toBe(3);
    expect(await result('dev_newBlock')).toBe(backend.blocks[4]!.hash);
    expect((await client.call('dev_newBlock', [{ count: 2, extra: 1 }])).error.code).toBe(-32602);
  });
});
