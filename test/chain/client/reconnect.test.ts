import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectChain, type ChainClient } from '../../../src/chain/client';
import { startDevnet, type DevnetOptions, type RunningDevnet } from '../../../src/chain/devnet';
import { dev, FAST_RETRY, freeBalance, freePort, memoryLogger, TAO } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** How many canonical blocks hold the extrinsic `txHash`. */
async function inclusions(client: ChainClient, txHash: string): Promise<number> {
  const head = (await client.api.rpc.chain.getHeader()).number.toNumber();
  let count = 0;
  for (let n = 1; n <= head; n++) {
    const block = await client.api.rpc.chain.getBlock(await client.api.rpc.chain.getBlockHash(n));
    count += block.block.extrinsics.filter((ex) => ex.hash.toHex() === txHash).length;
  }
  return count;
}

/**
 * The dev chain stopped and restarted on the same port and data directory (its blocks
 * persist, its transaction pool does not), with a client that stays connected to the port.
 */
describe('a submission survives the node going away', () => {
  let dir: string;
  let port: number;
  let devnet: RunningDevnet | null = null;
  let client: ChainClient | null = null;
  let logs: ReturnType<typeof memoryLogger>;
  const alice = dev.alice();
  const bob = dev.bob();

  const start = async (options: DevnetOptions) => {
    devnet = await startDevnet({ port, dataDir: dir, ...options });
    return devnet;
  };

  beforeEach(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // polkadot-js logs each lost connection
    dir = mkdtempSync(join(tmpdir(), 'pog-client-reconnect-'));
    port = await freePort();
    logs = memoryLogger();
  });
  afterEach(async () => {
    await client?.close();
    await devnet?.close();
    client = null;
    devnet = null;
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  const connect = async () => {
    client = await connectChain({ endpoint: `ws://127.0.0.1:${port}`, logger: logs.logger, retry: FAST_RETRY, reconnectDelayMs: 200 });
    return client;
  };

  it('applies an operation submitted while the node is down exactly once, after it restarts', async () => {
    const first = await start({ instant: true });
    const c = await connect();
    const before = await freeBalance(c, bob.address);
    const nonce = (await c.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    await first.close();
    await until(() => !c.isConnected);

    const pending = c.submit(c.api.tx.balances!.transferKeepAlive!(bob.address, 7n * TAO), alice, { timeoutMs: 30_000 });
    await sleep(600);
    await start({ instant: true });
    const r = await pending;

    expect(await freeBalance(c, bob.address)).toBe(before + 7n * TAO);
    expect(await inclusions(c, r.txHash)).toBe(1);
    expect((await c.api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(nonce + 1);
  });

  it('resubmits the same signed bytes when the node lost its pool, and they apply once', async () => {
    const first = await start({ instant: false, blockTimeMs: 60_000 });
    const c = await connect();
    const before = await freeBalance(c, bob.address);
    const pending = c.submit(c.api.tx.balances!.transferKeepAlive!(bob.address, 5n * TAO), alice, { timeoutMs: 30_000 });
    await until(() => first.node.pendingExtrinsics().length === 1);
    const hex = first.node.pendingExtrinsics()[0]!;
    await first.close(); // the pooled transaction is gone with the node

    await start({ instant: true });
    const r = await pending;
    expect(c.api.createType('Extrinsic', hex).hash.toHex()).toBe(r.txHash); // the same bytes, not a re-signed copy
    expect(logs.lines.map((l) => l.msg)).toContain('resubmitted the same signed extrinsic after reconnecting');
    expect(await freeBalance(c, bob.address)).toBe(before + 5n * TAO);
    expect(await inclusions(c, r.txHash)).toBe(1);

    // The nonce queue carries on from there.
    const next = await c.submit(c.api.tx.balances!.transferKeepAlive!(bob.address, 1n), alice);
    expect(next.blockNumber).toBeGreaterThan(r.blockNumber);
  });

  it('finds an in-flight extrinsic that was included while the client was away instead of submitting it again', async () => {
    const first = await start({ instant: false, blockTimeMs: 60_000 });
    const c = await connect();
    const before = await freeBalance(c, bob.address);
    const pending = c.submit(c.api.tx.balances!.transferKeepAlive!(bob.address, 4n * TAO), alice, { timeoutMs: 30_000 });
    await until(() => first.node.pendingExtrinsics().length === 1);
    const hex = first.node.pendingExtrinsics()[0]!;
    await first.close();

    // Another node (here: the restarted one, fed directly) includes the transaction before the client is back.
    const second = await start({ instant: true });
    const head = second.node.headNumber;
    second.node.submitExtrinsic(hex);
    await until(() => second.node.headNumber > head);

    const r = await pending;
    expect(r.blockNumber).toBe(head + 1);
    expect(await freeBalance(c, bob.address)).toBe(before + 4n * TAO);
    expect(await inclusions(c, r.txHash)).toBe(1);
    expect(logs.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['lost the connection to the chain; reconnecting']));
  });
});
