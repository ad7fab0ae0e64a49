import { resolve } from 'node:path';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { silentLogger, type Logger } from '../../logging';
import { DevnetNode } from './node/devnet-node';
import type { TxPoolLimits } from './node/tx-pool';
import { devGenesisConfig } from './runtime/genesis-config';
import { inMemoryPersistence } from './node/chain-persistence';
import { devnetRuntime } from './devnet-runtime';
import type { DevnetMetadata } from './metadata/build-metadata';
import type { DevnetRuntime } from './runtime/runtime-parts';
import { startRpcServer, type RpcServerOptions } from './rpc';
import { openChainStore, removeChainData } from './store';

export interface DevnetOptions {
  /** Default 127.0.0.1 (the dev chain has no authentication: keep it local). */
  readonly host?: string;
  /** Default 9944; 0 picks a free port. */
  readonly port?: number;
  /** Where blocks persist; without it the chain lives in memory only. */
  readonly dataDir?: string;
  /** Delete the data directory's chain first. */
  readonly reset?: boolean;
  /** Milliseconds between blocks (default 1000); ignored with `instant`. */
  readonly blockTimeMs?: number;
  /** One block as soon as transactions arrive, none otherwise. */
  readonly instant?: boolean;
  readonly logger?: Logger;
  /**
   * Calls to drop from the metadata and the call table, `Pallet.call_name`: the dev chain then
   * answers as an older subtensor runtime without them (e.g. `SubtensorModule.add_stake_burn`,
   * absent on spec 293). For testing a client's capability checks.
   */
  readonly omitCalls?: readonly string[];
  /** The runtime to run (default: the full subtensor runtime). */
  readonly runtime?: (md: DevnetMetadata) => DevnetRuntime;
  /** RPC limits and allowed origins (defaults: `RPC_DEFAULTS`, Substrate's). */
  readonly rpc?: Omit<RpcServerOptions, 'backend' | 'host' | 'port' | 'logger'>;
  /** Transaction pool limits (defaults: `POOL_DEFAULTS`). */
  readonly pool?: TxPoolLimits;
}

export interface RunningDevnet {
  /** `ws://host:port` */
  readonly url: string;
  readonly port: number;
  readonly node: DevnetNode;
  readonly dataDir: string | null;
  /** Stops block production, closes connections, releases the data directory. */
  close(): Promise<void>;
}

export const DEVNET_DEFAULTS = { host: '127.0.0.1', port: 9944, blockTimeMs: 1000 } as const;

/** Starts the embedded subtensor dev chain and its JSON-RPC endpoint. */
export async function startDevnet(options: DevnetOptions = {}): Promise<RunningDevnet> {
  await cryptoWaitReady();
  const logger = options.logger ?? silentLogger;
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir && options.reset) removeChainData(dataDir);
  const persistence = dataDir ? openChainStore(dataDir, { logger }) : inMemoryPersistence();
  let node: DevnetNode;
  try {
    node = new DevnetNode({
      runtime: options.runtime ?? ((md) => devnetRuntime(md)),
      genesis: await devGenesisConfig(),
      persistence,
      logger,
      blockTimeMs: options.instant ? 0 : (options.blockTimeMs ?? DEVNET_DEFAULTS.blockTimeMs),
      instant: options.instant ?? false,
      pool: options.pool,
      omitCalls: options.omitCalls,
    });
  } catch (e) {
    persistence.close();
    throw e;
  }
  let server;
  try {
    server = await startRpcServer({
      ...options.rpc,
      backend: node,
      host: options.host ?? DEVNET_DEFAULTS.host,
      port: options.port ?? DEVNET_DEFAULTS.port,
      logger,
    });
  } catch (e) {
    node.close();
    throw e;
  }
  node.start();
  return {
    url: server.url,
    port: server.port,
    node,
    dataDir,
    close: async () => {
      node.close();
      await server.close();
    },
  };
}
