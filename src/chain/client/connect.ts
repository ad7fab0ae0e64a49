import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { silentLogger, type Logger } from '../../logging';
import { backoffDelay, checkRetryOptions, DEFAULT_RETRY, sleep, type RetryOptions } from './backoff';
import { ChainClient } from './client';
import { parseEndpoint, redactEndpoint } from './endpoint';
import { ChainUnreachableError } from './errors';
import { probeWebSocket } from './probe';

export interface ConnectChainOptions {
  /** `ws://host:port` or `wss://host:port`. */
  readonly endpoint: string;
  /** Logs go to `logger.child({ module: 'chain' })`; silent by default. */
  readonly logger?: Logger;
  /** The first connection: attempts and exponential backoff (default 5 attempts, 250 ms doubling to 4 s). */
  readonly retry?: Partial<RetryOptions>;
  /** WebSocket handshake limit per attempt (default 10 s). */
  readonly handshakeTimeoutMs?: number;
  /** Limit for the API to load metadata once connected (default 30 s). */
  readonly initTimeoutMs?: number;
  /** Delay between reconnection attempts after a connection drops (WsProvider's auto-connect; default 1 s). */
  readonly reconnectDelayMs?: number;
  /** Per-request limit of the WsProvider (default 60 s). */
  readonly requestTimeoutMs?: number;
}

/** A short, secret-free description of a socket error (Node's AggregateError has an empty message). */
export function describeConnectError(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: unknown[] } | null;
  if (e?.message) return e.message;
  if (e?.errors?.length) return [...new Set(e.errors.map(describeConnectError))].join('; ');
  return e?.code ?? String(error);
}

async function openApi(endpoint: string, options: ConnectChainOptions): Promise<{ api: ApiPromise; provider: WsProvider }> {
  const provider = new WsProvider(endpoint, options.reconnectDelayMs ?? 1000, {}, options.requestTimeoutMs ?? 60_000);
  const api = new ApiPromise({ provider, noInitWarn: true });
  const initTimeoutMs = options.initTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      api.isReadyOrError,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`connected, but the API did not load the node's metadata within ${initTimeoutMs} ms`)), initTimeoutMs);
      }),
    ]);
    return { api, provider };
  } catch (error) {
    await api.disconnect().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connects to a subtensor node. The first connection is retried `retry.attempts` times with
 * exponential backoff; after the last one it throws {@link ChainUnreachableError} naming the
 * endpoint. A malformed endpoint throws `InvalidEndpointError` at once. Once connected, the
 * WsProvider reconnects by itself whenever the connection drops; the client logs it and emits
 * `disconnected` / `reconnected`.
 *
 * @example
 * const client = await connectChain({ endpoint: 'ws://127.0.0.1:9944', logger });
 * try { … } finally { await client.close(); }
 */
export async function connectChain(options: ConnectChainOptions): Promise<ChainClient> {
  const endpoint = parseEndpoint(options.endpoint);
  const retry = checkRetryOptions({ ...DEFAULT_RETRY, ...options.retry });
  const logger = (options.logger ?? silentLogger).child({ module: 'chain', endpoint: redactEndpoint(endpoint) });
  await cryptoWaitReady();
  let lastError = 'no attempt was made';
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    const delay = backoffDelay(retry, attempt);
    if (delay > 0) {
      logger.debug({ attempt, delayMs: delay }, 'retrying the chain connection');
      await sleep(delay);
    }
    try {
      await probeWebSocket(endpoint, options.handshakeTimeoutMs ?? 10_000);
      const { api, provider } = await openApi(endpoint, options);
      logger.info(
        { attempt, chain: api.runtimeChain.toString(), specName: api.runtimeVersion.specName.toString(), specVersion: api.runtimeVersion.specVersion.toNumber() },
        'connected to the chain',
      );
      return new ChainClient(api, provider, endpoint, logger);
    } catch (error) {
      lastError = describeConnectError(error);
      // Info, not warn: a caller that gives up gets ChainUnreachableError with the same reason.
      logger.info({ attempt, attempts: retry.attempts, error: lastError }, 'chain connection attempt failed');
    }
  }
  throw new ChainUnreachableError(endpoint, retry.attempts, lastError);
}
