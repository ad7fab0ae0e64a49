import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { KeyringPair } from '@polkadot/keyring/types';
import pino from 'pino';
import { keypairFromUri } from '../../../src/chain/keys';
import { connectChain, type ChainClient, type ConnectChainOptions } from '../../../src/chain/client';
import { startDevnet, type DevnetOptions, type RunningDevnet } from '../../../src/chain/devnet';
import type { Logger } from '../../../src/logging';

export const TAO = 1_000_000_000n;

/** Dev keys as KeyringPairs (sr25519, ss58 42). */
export const dev = {
  alice: () => keypairFromUri('//Alice'),
  bob: () => keypairFromUri('//Bob'),
  charlie: () => keypairFromUri('//Charlie'),
  dave: () => keypairFromUri('//Dave'),
  eve: () => keypairFromUri('//Eve'),
  ferdie: () => keypairFromUri('//Ferdie'),
  key: (uri: string) => keypairFromUri(uri),
};

/** A pino logger whose JSON lines are kept in `lines`. */
export function memoryLogger(level: pino.LevelWithSilent = 'debug'): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level }, sink), lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const FAST_RETRY = { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } as const;

export interface Chain {
  readonly devnet: RunningDevnet;
  readonly client: ChainClient;
  readonly alice: KeyringPair;
  readonly bob: KeyringPair;
  close(): Promise<void>;
}

/** An instant dev chain on a free port and a client connected to it. */
export async function startChain(devnetOptions: DevnetOptions = {}, clientOptions: Partial<ConnectChainOptions> = {}): Promise<Chain> {
  const devnet = await startDevnet({ port: 0, instant: true, ...devnetOptions });
  const client = await connectChain({ endpoint: devnet.url, retry: FAST_RETRY, reconnectDelayMs: 200, ...clientOptions });
  return {
    devnet,
    client,
    alice: dev.alice(),
    bob: dev.bob(),
    close: async () => {
      await client.close();
      await devnet.close();
    },
  };
}

/** Free balance in rao. */
export async function freeBalance(client: ChainClient, address: string): Promise<bigint> {
  const account = (await client.api.query.system!.account!(address)) as unknown as { data: { free: { toBigInt(): bigint } } };
  return account.data.free.toBigInt();
}

/** `sudo.sudo(call)` by //Alice, through the client. */
export async function sudo(client: ChainClient, call: Parameters<ChainClient['api']['tx']>[0]): Promise<void> {
  const api = client.api;
  await client.submit(api.tx.sudo!.sudo!(call), dev.alice());
}
