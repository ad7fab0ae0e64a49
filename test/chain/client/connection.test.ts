import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainUnreachableError, connectChain, InvalidEndpointError, backoffDelay, type ChainClient } from '../../../src/chain/client';
import { startDevnet } from '../../../src/chain/devnet';
import { FAST_RETRY, freePort, memoryLogger } from './helpers';

describe('connectChain', () => {
  it('connects to the dev chain and logs it through a pino child logger', async () => {
    const devnet = await startDevnet({ port: 0, instant: true });
    const { logger, lines } = memoryLogger();
    const client = await connectChain({ endpoint: devnet.url, logger, retry: FAST_RETRY });
    try {
      expect(client.isConnected).toBe(true);
      expect(client.api.runtimeVersion.specName.toString()).toBe('node-subtensor');
      const connected = lines.find((l) => l.msg === 'connected to the chain');
      expect(connected).toMatchObject({ module: 'chain', endpoint: devnet.url, attempt: 1, specName: 'node-subtensor' });
    } finally {
      await client.close();
      await devnet.close();
    }
    expect(client.isConnected).toBe(false);
  });

  it('retries with exponential backoff and then names the endpoint in ChainUnreachableError', async () => {
    const port = await freePort();
    const endpoint = `ws://127.0.0.1:${port}`;
    const { logger, lines } = memoryLogger();
    const started = Date.now();
    const error = await connectChain({ endpoint, logger, retry: { attempts: 4, initialDelayMs: 40, maxDelayMs: 80 } }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ChainUnreachableError);
    const e = error as ChainUnreachableError;
    expect(e.endpoint).toBe(endpoint);
    expect(e.attempts).toBe(4);
    expect(e.message).toMatch(new RegExp(`^chain endpoint ws://127\\.0\\.0\\.1:${port} is unreachable after 4 attempts: .*ECONNREFUSED`));
    // delays 40, 80, 80 (capped)
    expect([2, 3, 4].map((a) => backoffDelay({ attempts: 4, initialDelayMs: 40, maxDelayMs: 80 }, a))).toEqual([40, 80, 80]);
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(lines.filter((l) => l.msg === 'chain connection attempt failed').map((l) => l.attempt)).toEqual([1, 2, 3, 4]);
  });

  it('connects when the node comes up during the retries', async () => {
    const port = await freePort();
    const pending = connectChain({ endpoint: `ws://127.0.0.1:${port}`, retry: { attempts: 8, initialDelayMs: 100, maxDelayMs: 400 } });
    await new Promise((r) => setTimeout(r, 250));
    const devnet = await startDevnet({ port, instant: true });
    const client = await pending;
    try {
      expect(client.isConnected).toBe(true);
    } finally {
      await client.close();
      await devnet.close();
    }
  });

  it.each([
    ['', /empty/],
    ['127.0.0.1:9944', /not a URL|scheme/],
    ['http://127.0.0.1:9944', /the scheme is http, not ws or wss/],
    ['ws://', /not a URL|no host/],
    ['ws://user:secret@host:9944', /credentials/],
  ])('fails at once with InvalidEndpointError for %j', async (endpoint, message) => {
    const started = Date.now();
    const error = await connectChain({ endpoint, retry: { attempts: 5, initialDelayMs: 1000, maxDelayMs: 1000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEndpointError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret');
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('reconnection', () => {
  let dir: string;
  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // polkadot-js logs each lost connection
    dir = mkdtempSync(join(tmpdir(), 'pog-client-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('emits and logs disconnected / reconnected when the node goes away and comes back', async () => {
    const port = await freePort();
    let devnet = await startDevnet({ port, instant: true, dataDir: dir });
    const { logger, lines } = memoryLogger();
    const client: ChainClient = await connectChain({ endpoint: devnet.url, logger, retry: FAST_RETRY, reconnectDelayMs: 100 });
    try {
      const events: string[] = [];
      client.on('disconnected', () => events.push('disconnected'));
      client.on('reconnected', () => events.push('reconnected'));
      await devnet.close();
      await new Promise((r) => setTimeout(r, 300));
      expect(events).toEqual(['disconnected']);
      expect(client.isConnected).toBe(false);
      await expect(client.waitConnected(50)).rejects.toThrow(/did not come back within 50 ms/);
      devnet = await startDevnet({ port, instant: true, dataDir: dir });
      await client.waitConnected(5000);
      expect(events).toEqual(['disconnected', 'reconnected']);
      expect((await client.api.rpc.chain.getHeader()).number.toNumber()).toBeGreaterThanOrEqual(0);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['lost the connection to the chain; reconnecting', 'reconnected to the chain']));
    } finally {
      await client.close();
      await devnet.close();
    }
  });
});
