import '@polkadot/api-augment';
import { blake2AsHex } from '@polkadot/util-crypto';
import { connectDevnet, type DevnetApi } from './devnet-api';

describe('plain @polkadot/api connects to the dev chain as to subtensor', () => {
  let t: DevnetApi;
  beforeAll(async () => {
    t = await connectDevnet();
  });
  afterAll(() => t.close());

  it('presents subtensor runtime, chain properties and pallets', async () => {
    const { api } = t;
    expect(api.runtimeVersion.specName.toString()).toBe('node-subtensor');
    expect(api.runtimeVersion.implName.toString()).toBe('pog-devnet');
    expect(api.registry.chainSS58).toBe(42);
    expect(api.registry.chainTokens).toEqual(['TAO']);
    expect(api.registry.chainDecimals).toEqual([9]);
    expect(api.runtimeMetadata.version).toBe(16);
    expect(api.runtimeMetadata.asLatest.pallets.map((p) => `${p.name.toString()}:${p.index.toNumber()}`)).toEqual([
      'System:0', 'Timestamp:2', 'Balances:5', 'TransactionPayment:6', 'SubtensorModule:7', 'Sudo:12', 'Commitments:18', 'AdminUtils:19', 'Drand:26',
    ]);
    expect(typeof api.tx.subtensorModule!.setWeights).toBe('function');
    expect(typeof api.call.neuronInfoRuntimeApi!.getNeuronsLite).toBe('function');
  });

  it('block hashes are the blake2 hashes of their headers and chain to genesis', async () => {
    const { api } = t;
    await t.devnet.node.newBlocks(2);
    const head = await api.rpc.chain.getHeader();
    let header = head;
    for (let n = head.number.toNumber(); n >= 0; n--) {
      const hash = await api.rpc.chain.getBlockHash(n);
      expect(blake2AsHex(header.toU8a(), 256)).toBe(hash.toHex());
      expect(header.hash.toHex()).toBe(hash.toHex());
      if (n > 0) header = await api.rpc.chain.getHeader(header.parentHash);
    }
    expect(api.genesisHash.toHex()).toBe((await api.rpc.chain.getBlockHash(0)).toHex());
  });

  it('lists every served method, including subscriptions', async () => {
    const methods = (await t.api.rpc.rpc.methods()).methods.map((m) => m.toString());
    for (const m of ['author_submitAndWatchExtrinsic', 'author_unwatchExtrinsic', 'chain_subscribeNewHeads', 'state_call', 'state_getKeysPaged', 'state_queryStorageAt', 'state_subscribeStorage', 'system_accountNextIndex']) {
      expect(methods).toContain(m);
    }
  });

  it('answers runtime APIs through state_call', async () => {
    const nonce = await t.api.call.accountNonceApi.accountNonce(t.alice.address);
    expect(nonce.toNumber()).toBe(0);
    const versions = await t.api.call.metadata.metadataVersions();
    expect(versions.map((v) => v.toNumber())).toEqual([16]);
  });

  it('reads storage by entries and at an earlier block', async () => {
    const { api, alice } = t;
    const accounts = await api.query.system.account.entries();
    expect(accounts.length).toBe(6);
    const before = await api.rpc.chain.getBlockHash();
    await new Promise<void>((resolve, reject) => {
      api.tx.balances.transferKeepAlive(t.bob.address, 7n * 10n ** 9n).signAndSend(alice, (r) => {
        if (r.status.isFinalized) resolve();
      }).catch(reject);
    });
    const then = await (await api.at(before)).query.system.account(t.bob.address);
    const now = await api.query.system.account(t.bob.address);
    expect(now.data.free.toBigInt() - then.data.free.toBigInt()).toBe(7n * 10n ** 9n);
  });
});
