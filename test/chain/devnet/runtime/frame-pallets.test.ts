import { Keyring } from '@polkadot/keyring';
import type { Vec } from '@polkadot/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { startTestChain, type TestChain } from '../support/test-chain';
import { DevnetNode } from '../../../../src/chain/devnet/node/devnet-node';
import { devGenesisConfig } from '../../../../src/chain/devnet/runtime/genesis-config';
import { inMemoryPersistence } from '../../../../src/chain/devnet/node/chain-persistence';
import { assembleRuntime } from '../../../../src/chain/devnet/runtime/runtime-parts';
import { frameGenesis } from '../../../../src/chain/devnet/pallets/genesis';
import { timestampPallet } from '../../../../src/chain/devnet/pallets/timestamp';
import { localCalls } from '../../../../src/chain/devnet/local/local-calls';
import type { PalletRuntime } from '../../../../src/chain/devnet/runtime/call-context';

describe('dev chain frame pallets', () => {
  let chain: TestChain;
  beforeAll(async () => {
    chain = await startTestChain();
  });
  afterAll(() => chain.close());

  it('transfers with Balances events, fee paid and nonce bumped', async () => {
    const { alice, bob } = chain.keys;
    const before = chain.read('System', 'Account', [bob.address]) as { data: { free: number } };
    const r = await chain.submit(alice, chain.call('balances', 'transferKeepAlive', bob.address, 12_345_678_900n));
    expect(r.ok).toBe(true);
    expect(r.events.map((e) => `${e.section}.${e.method}`)).toEqual([
      'balances.Withdraw',
      'balances.Transfer',
      'transactionPayment.TransactionFeePaid',
      'system.ExtrinsicSuccess',
    ]);
    const after = chain.read('System', 'Account', [bob.address]) as { data: { free: number } };
    expect(BigInt(after.data.free) - BigInt(before.data.free)).toBe(12_345_678_900n);
    expect((chain.read('System', 'Account', [alice.address]) as { nonce: number }).nonce).toBe(1);
  });

  it('reports a module error by its name', async () => {
    const { dave, bob } = chain.keys;
    const r = await chain.submit(dave, chain.call('balances', 'transferKeepAlive', bob.address, 10n ** 18n));
    expect(r.ok).toBe(false);
    expect(r.error).toBe('balances.InsufficientBalance');
  });

  it('sudo needs the sudo key', async () => {
    const { bob, charlie } = chain.keys;
    const denied = await chain.submit(bob, chain.call('sudo', 'sudo', chain.call('balances', 'forceSetBalance', charlie.address, 1n)));
    expect(denied.error).toBe('sudo.RequireSudo');
    const r = await chain.sudo(chain.call('balances', 'forceSetBalance', charlie.address, 5_000_000_000n));
    expect(r.ok).toBe(true);
    expect(r.events.map((e) => `${e.section}.${e.method}`)).toContain('sudo.Sudid');
    expect((chain.read('System', 'Account', [charlie.address]) as { data: { free: number } }).data.free).toBe(5_000_000_000);
  });
});

describe('a failed call', () => {
  it('keeps neither its state changes nor its events', async () => {
    // A System.remark that emits an event and writes storage, then fails.
    const failingRemark: PalletRuntime = {
      name: 'System',
      calls: {
        remark: {
          handler: (ctx) => {
            ctx.emit('System', 'Remarked', [(ctx.origin as { who: string }).who, `0x${'00'.repeat(32)}`]);
            ctx.storage.set('Timestamp', 'Now', [], 42n);
            throw ctx.error('System', 'CallFiltered');
          },
        },
      },
    };
    const node = new DevnetNode({
      runtime: (md) => assembleRuntime(md, [frameGenesis, failingRemark, timestampPallet], [], { allowMissing: true }),
      genesis: await devGenesisConfig(),
      persistence: inMemoryPersistence(),
      blockTimeMs: 0,
      instant: false,
    });
    try {
      const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
      const calls = localCalls(node);
      node.submitExtrinsic(calls.sign(alice, calls.call('system', 'remark', '0x01')));
      const block = node.produceBlock();
      const records = node.md.registry.createType('Vec<EventRecord>', node.storage(node.storageAt(block.number).key('System', 'Events'))!) as unknown as Vec<EventRecord>;
      const mine = records.filter((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === 1);
      expect(mine.map((r) => `${r.event.section}.${r.event.method}`)).toEqual([
        'balances.Withdraw',
        'transactionPayment.TransactionFeePaid',
        'system.ExtrinsicFailed',
      ]);
      // The timestamp inherent set Now; the failed call's 42 is gone.
      expect(node.storageAt(block.number).get('Timestamp', 'Now')!.toString()).not.toBe('42');
      expect((node.storageAt(block.number).get('System', 'Account', [alice.address])!.toJSON() as { nonce: number }).nonce).toBe(1);
    } finally {
      node.close();
    }
  });
});
