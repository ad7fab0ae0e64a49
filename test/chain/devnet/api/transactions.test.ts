import '@polkadot/api-augment';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { connectDevnet, send, type DevnetApi } from './devnet-api';

const TAO = 10n ** 9n;

/**
 * Submits raw bytes over the api's own provider (the decorated rpc would re-encode them)
 * and returns the node's JSON-RPC error as `code: message: data`.
 */
async function rejectionOf(t: DevnetApi, hex: string): Promise<string> {
  try {
    await (t.api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send('author_submitExtrinsic', [hex]);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the extrinsic was accepted');
}

describe('transactions through plain @polkadot/api', () => {
  let t: DevnetApi;
  beforeAll(async () => {
    t = await connectDevnet();
  });
  afterAll(() => t.close());

  it('goes Ready → InBlock → Finalized with its events', async () => {
    const r = await send(t.api, t.api.tx.balances.transferKeepAlive(t.bob.address, 2n * TAO), t.alice);
    expect(r.statuses).toEqual(['Ready', 'InBlock', 'Finalized']);
    expect(r.events).toEqual(['balances.Withdraw', 'balances.Transfer', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']);
    expect(r.error).toBeUndefined();
  });

  it('serialises nonces of concurrent submissions from one key', async () => {
    const results = await Promise.all(
      [1n, 2n, 3n].map(async (n) => {
        const nonce = await t.api.rpc.system.accountNextIndex(t.alice.address);
        return t.api.tx.balances.transferKeepAlive(t.bob.address, n).signAndSend(t.alice, { nonce: nonce.toNumber() + Number(n) - 1 });
      }),
    );
    expect(new Set(results.map((h) => h.toHex())).size).toBe(3);
    await t.devnet.node.newBlocks(1);
  });

  it('decodes a failed call to its module error name', async () => {
    const poor = t.keyring.addFromUri('//Poor');
    await send(t.api, t.api.tx.balances.transferKeepAlive(poor.address, TAO), t.alice);
    const r = await send(t.api, t.api.tx.balances.transferKeepAlive(t.bob.address, 10n * TAO), poor);
    expect(r.error).toBe('balances.InsufficientBalance');
    expect(r.events).toContain('system.ExtrinsicFailed');
  });

  it('rejects a tampered extrinsic with a bad proof (1010)', async () => {
    const tx = await t.api.tx.balances.transferKeepAlive(t.bob.address, 5n).signAsync(t.alice);
    const bytes = hexToU8a(tx.toHex());
    const at = bytes.length - 5; // a byte of the destination account, which the signature covers
    bytes[at] = bytes[at]! ^ 0x01;
    expect(await rejectionOf(t, u8aToHex(bytes))).toBe('1010: Invalid Transaction: Transaction has a bad signature');
  });

  it('rejects a signature made for another chain (genesis hash is signed)', async () => {
    const tx = await t.api.tx.balances.transferKeepAlive(t.bob.address, 5n).signAsync(t.alice, {
      era: 0,
      blockHash: `0x${'11'.repeat(32)}`,
      genesisHash: `0x${'11'.repeat(32)}`,
    } as never);
    expect(await rejectionOf(t, tx.toHex())).toBe('1010: Invalid Transaction: Transaction has a bad signature');
  });

  it('rejects a reused nonce as outdated', async () => {
    const tx = await t.api.tx.balances.transferKeepAlive(t.bob.address, 5n).signAsync(t.alice, { nonce: 0 });
    expect(await rejectionOf(t, tx.toHex())).toBe('1010: Invalid Transaction: Transaction is outdated');
  });

  it('rejects an account that cannot pay the fee', async () => {
    const empty = t.keyring.addFromUri('//Empty');
    const tx = await t.api.tx.balances.transferKeepAlive(t.bob.address, 5n).signAsync(empty, { nonce: 0 });
    // polkadot.js rewrites "(…)" in error data as ", …"; the node sends Substrate's text.
    expect(await rejectionOf(t, tx.toHex())).toBe('1010: Invalid Transaction: Inability to pay some fees , e.g. account balance too low');
  });

  it('rejects bytes that are not an extrinsic (1001) and keeps serving', async () => {
    expect(await rejectionOf(t, '0x1084deadbeef')).toMatch(/^1001: Extrinsic has invalid format: cannot decode the extrinsic/);
    const head = await t.api.rpc.chain.getHeader();
    expect(head.number.toNumber()).toBeGreaterThan(0);
  });

  it('sudo dispatches as root, and only for the sudo key', async () => {
    const denied = await send(t.api, t.api.tx.sudo.sudo(t.api.tx.balances.forceSetBalance(t.bob.address, TAO)), t.bob);
    expect(denied.error).toBe('sudo.RequireSudo');
    const ok = await send(t.api, t.api.tx.sudo.sudo(t.api.tx.balances.forceSetBalance(t.keyring.addFromUri('//Funded').address, 3n * TAO)), t.alice);
    expect(ok.events).toContain('sudo.Sudid');
    expect((await t.api.query.system.account(t.keyring.addFromUri('//Funded').address)).data.free.toBigInt()).toBe(3n * TAO);
  });
});
