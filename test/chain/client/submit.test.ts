import {
  ChainDispatchError,
  TransactionRejectedError,
  SubmissionTimeoutError,
  eventsOf,
  type SubmitResult,
} from '../../../src/chain/client';
import { dev, freeBalance, memoryLogger, startChain, TAO, type Chain } from './helpers';

describe('submit', () => {
  let t: Chain;
  let logs: ReturnType<typeof memoryLogger>;
  beforeAll(async () => {
    logs = memoryLogger('trace');
    t = await startChain({}, { logger: logs.logger });
  });
  afterAll(() => t.close());

  const transfer = (to: string, amount: bigint) => t.client.api.tx.balances!.transferKeepAlive!(to, amount);

  it('resolves with the block, its number and the extrinsic events once in a block', async () => {
    const before = await freeBalance(t.client, t.bob.address);
    const r = await t.client.submit(transfer(t.bob.address, 3n * TAO), t.alice);
    expect(r.call).toBe('balances.transferKeepAlive');
    expect(r.blockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(r.blockNumber).toBe((await t.client.api.rpc.chain.getHeader(r.blockHash)).number.toNumber());
    expect(r.events.map((e) => `${e.section}.${e.method}`)).toEqual(['balances.Withdraw', 'balances.Transfer', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']);
    expect(eventsOf(r, 'balances', 'Transfer')[0]!.data[2]!.toString()).toBe((3n * TAO).toString());
    expect(await freeBalance(t.client, t.bob.address)).toBe(before + 3n * TAO);
  });

  it('waits for finality with waitFor: finalized', async () => {
    const r = await t.client.submit(transfer(t.bob.address, TAO), t.alice, { waitFor: 'finalized' });
    const finalized = await t.client.api.rpc.chain.getHeader(await t.client.api.rpc.chain.getFinalizedHead());
    expect(finalized.number.toNumber()).toBeGreaterThanOrEqual(r.blockNumber);
  });

  it('turns a failed extrinsic into ChainDispatchError with section, name and docs', async () => {
    const poor = dev.key('//ClientPoor');
    await t.client.submit(transfer(poor.address, TAO), t.alice);
    const error = (await t.client.submit(transfer(t.bob.address, 10n * TAO), poor).catch((e: unknown) => e)) as ChainDispatchError;
    expect(error).toBeInstanceOf(ChainDispatchError);
    expect(error.name).toBe('balances.InsufficientBalance');
    expect(error.section).toBe('balances');
    expect(error.error).toBe('InsufficientBalance');
    expect(typeof error.docs).toBe('string'); // the dev chain's metadata carries no docs
    expect(error.blockNumber).toBeGreaterThan(0);
    expect(error.message).toMatch(/^balances\.transferKeepAlive failed in block #\d+: balances\.InsufficientBalance( \(.+\))?$/);
  });

  it('reports the error of a call dispatched by sudo, and sudo.RequireSudo for another signer', async () => {
    const api = t.client.api;
    const denied = (await t.client.submit(api.tx.sudo!.sudo!(api.tx.balances!.forceSetBalance!(t.bob.address, TAO)), t.bob).catch((e: unknown) => e)) as ChainDispatchError;
    expect(denied.name).toBe('sudo.RequireSudo');
    expect(denied.viaSudo).toBe(false);
    const inner = (await t.client
      .submit(api.tx.sudo!.sudo!(api.tx.adminUtils!.sudoSetWeightsSetRateLimit!(999, 5)), t.alice)
      .catch((e: unknown) => e)) as ChainDispatchError;
    expect(inner).toBeInstanceOf(ChainDispatchError);
    expect(inner.viaSudo).toBe(true);
    expect(inner.name).toBe('adminUtils.SubnetDoesNotExist');
    expect(inner.message).toContain('(dispatched by sudo)');
  });

  it('turns a pool rejection (1010) into TransactionRejectedError with the node\'s reason', async () => {
    const empty = dev.key('//ClientEmpty');
    const error = (await t.client.submit(transfer(t.bob.address, 1n), empty).catch((e: unknown) => e)) as TransactionRejectedError;
    expect(error).toBeInstanceOf(TransactionRejectedError);
    expect(error.code).toBe(1010);
    expect(error.reason).toBe('Invalid Transaction: Inability to pay some fees (e.g. account balance too low)');
    expect(error.message).toBe('balances.transferKeepAlive was rejected by the node: 1010: Invalid Transaction: Inability to pay some fees (e.g. account balance too low)');
  });

  it('gives 5 concurrent submissions from one key consecutive nonces', async () => {
    const charlie = dev.charlie();
    const first = (await t.client.api.rpc.system.accountNextIndex(charlie.address)).toNumber();
    const results: SubmitResult[] = await Promise.all([1n, 2n, 3n, 4n, 5n].map((n) => t.client.submit(transfer(t.bob.address, n), charlie)));
    const nonces: number[] = [];
    for (const r of results) {
      const block = await t.client.api.rpc.chain.getBlock(r.blockHash);
      nonces.push(block.block.extrinsics[r.txIndex]!.nonce.toNumber());
    }
    expect(nonces.sort((a, b) => a - b)).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
    expect(new Set(results.map((r) => r.txHash)).size).toBe(5);
    expect((await t.client.api.rpc.system.accountNextIndex(charlie.address)).toNumber()).toBe(first + 5);
  });

  it('resynchronises its nonce when another client used it (1010 outdated) and signs again', async () => {
    const dave = dev.dave();
    await t.client.submit(transfer(t.bob.address, 1n), dave); // the queue now tracks Dave's nonce
    const tracked = t.client.nonces.peek(dave.address)!;
    // Someone else spends that nonce behind the client's back.
    await t.client.api.tx.balances!.transferKeepAlive!(t.bob.address, 2n).signAndSend(dave, { nonce: tracked });
    await new Promise((r) => setTimeout(r, 200));
    const r = await t.client.submit(transfer(t.bob.address, 3n), dave);
    const block = await t.client.api.rpc.chain.getBlock(r.blockHash);
    expect(block.block.extrinsics[r.txIndex]!.nonce.toNumber()).toBe(tracked + 1);
    expect(logs.lines.some((l) => l.msg === 'nonce refused; resynchronising it from the node and signing again')).toBe(true);
  });

  it('times out with SubmissionTimeoutError when no block comes', async () => {
    const slow = await startChain({ instant: false, blockTimeMs: 60_000 });
    try {
      const error = await slow.client.submit(slow.client.api.tx.balances!.transferKeepAlive!(slow.bob.address, 1n), slow.alice, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubmissionTimeoutError);
      expect((error as Error).message).toMatch(/^balances\.transferKeepAlive was not in a block within 300 ms \(extrinsic 0x[0-9a-f]{64}; it may still be included\)$/);
    } finally {
      await slow.close();
    }
  });

  it('never logs key material', () => {
    const text = logs.text();
    for (const secret of ['//Alice', '//Charlie', '//Dave', 'secretKey', 'mnemonic']) expect(text).not.toContain(secret);
    expect(logs.lines.some((l) => l.call === 'balances.transferKeepAlive' && typeof l.txHash === 'string')).toBe(true);
  });
});
