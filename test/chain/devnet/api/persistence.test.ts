import '@polkadot/api-augment';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDevnet, send } from './devnet-api';

const TAO = 10n ** 9n;

describe('dev chain state persists in its data directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-devnet-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes after a restart with the same genesis, head and balances, and accepts mortal transactions', async () => {
    const first = await connectDevnet({ dataDir: dir });
    const genesis = first.api.genesisHash.toHex();
    for (let i = 1n; i <= 3n; i++) await send(first.api, first.api.tx.balances.transferKeepAlive(first.bob.address, i * TAO), first.alice);
    const head = (await first.api.rpc.chain.getHeader()).number.toNumber();
    const bob = (await first.api.query.system.account(first.bob.address)).data.free.toBigInt();
    await first.close();

    const second = await connectDevnet({ dataDir: dir });
    try {
      expect(second.api.genesisHash.toHex()).toBe(genesis);
      expect((await second.api.rpc.chain.getHeader()).number.toNumber()).toBe(head);
      expect((await second.api.query.system.account(second.bob.address)).data.free.toBigInt()).toBe(bob);
      expect((await second.api.rpc.system.accountNextIndex(second.alice.address)).toNumber()).toBe(3);
      // A mortal era checkpoints a block hash from before the restart.
      const r = await send(second.api, second.api.tx.balances.transferKeepAlive(second.bob.address, TAO), second.alice);
      expect(r.error).toBeUndefined();
      expect((await second.api.query.system.account(second.bob.address)).data.free.toBigInt()).toBe(bob + TAO);
    } finally {
      await second.close();
    }
  });

  it('snapshots keep the chain resumable across many blocks', async () => {
    const first = await connectDevnet({ dataDir: dir });
    await first.devnet.node.newBlocks(1005);
    await send(first.api, first.api.tx.balances.transferKeepAlive(first.bob.address, TAO), first.alice);
    const head = (await first.api.rpc.chain.getHeader()).hash.toHex();
    await first.close();
    const second = await connectDevnet({ dataDir: dir });
    try {
      expect((await second.api.rpc.chain.getHeader()).hash.toHex()).toBe(head);
      const r = await send(second.api, second.api.tx.balances.transferKeepAlive(second.bob.address, TAO), second.alice);
      expect(r.error).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('refuses a data directory another dev chain is using', async () => {
    const first = await connectDevnet({ dataDir: dir });
    try {
      await expect(connectDevnet({ dataDir: dir })).rejects.toThrow(/lock/i);
    } finally {
      await first.close();
    }
  });
});
