import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type Logger } from '../../../logging';
import type { DevnetBackend } from './backend';
import { ConnectionRegistry, type TrackedConnection } from './connection-registry';
import { buildMethodTable } from './handlers';
import { createHttpHandler } from './http-handler';
import { defaultOriginPolicy, originAllowed, type OriginPolicy } from './origin-policy';
import { RpcPortInUseError, RpcServerStartError } from './server-errors';
import { serveConnection } from './ws-connection';

/**
 * The dev chain's Substrate JSON-RPC endpoint: WebSocket (with subscriptions) and
 * HTTP POST on one port, as a Substrate node serves them, with a Substrate node's limits
 * (docs/devnet.md, "RPC limits"): connections in total and per address, request and
 * response size, batch length, subscriptions per connection, allowed browser origins.
 */
export interface RpcServerOptions {
  readonly backend: DevnetBackend;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 9944; 0 picks a free port. */
  readonly port?: number;
  readonly logger?: Logger;
  /** Largest request (WebSocket message or HTTP body); default 15 MiB (Substrate's `--rpc-max-request-size`). */
  readonly maxPayloadBytes?: number;
  /** Largest response, or a batch's responses together; default 15 MiB (Substrate's `--rpc-max-response-size`). */
  readonly maxResponseBytes?: number;
  /** Requests in one batch; default 1000 (Substrate: unlimited unless `--rpc-max-batch-request-len`). */
  readonly maxBatchRequestLen?: number;
  /** Concurrent connections, HTTP and WebSocket; default 100 (Substrate's `--rpc-max-connections`). */
  readonly maxConnections?: number;
  /** Concurrent connections from one remote address; default 64. */
  readonly maxConnectionsPerAddress?: number;
  /** Default 1024 (jsonrpsee's and Substrate's default). */
  readonly maxSubscriptionsPerConnection?: number;
  /** Storage keys one connection's `state_subscribeStorage` subscriptions watch together; default 10,000 (the dev chain's own). */
  readonly maxWatchedKeysPerConnection?: number;
  /** Bytes waiting to be sent to one WebSocket before it is closed as too slow; default 64 MiB. */
  readonly maxBufferedBytes?: number;
  /** WebSocket messages waiting to be answered before the socket stops being read; default 64 (Substrate's). */
  readonly maxPendingMessages?: number;
  /** A WebSocket without subscriptions that sends nothing this long is closed; default 60 s. */
  readonly idleTimeoutMs?: number;
  /** An HTTP connection (or one not yet upgraded) that sends nothing this long is closed; default 10 s. */
  readonly httpIdleTimeoutMs?: number;
  /** How long a connection must have been quiet before a newcomer may replace it at a limit; default 1 s. */
  readonly minQuietMs?: number;
  /** Browser origins allowed (`--rpc-cors`); default Substrate's: localhost, 127.0.0.1, polkadot.js.org. */
  readonly origins?: OriginPolicy;
  /** Work between two yields to the event loop while answering a batch; default 10 ms. */
  readonly sliceMs?: number;
}

export interface RpcServer {
  /** `ws://host:port`; the same address answers HTTP POST. */
  readonly url: string;
  readonly port: number;
  /** Closes every connection and stops listening; safe to call twice. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
export const RPC_DEFAULTS = {
  host: '127.0.0.1',
  port: 9944,
  maxPayloadBytes: 15 * MiB,
  maxResponseBytes: 15 * MiB,
  maxBatchRequestLen: 1000,
  maxConnections: 100,
  maxConnectionsPerAddress: 64,
  maxSubscriptionsPerConnection: 1024,
  maxWatchedKeysPerConnection: 10_000,
  maxBufferedBytes: 64 * MiB,
  maxPendingMessages: 64,
  idleTimeoutMs: 60_000,
  httpIdleTimeoutMs: 10_000,
  minQuietMs: 1000,
  sliceMs: 10,
} as const;

/** jsonrpsee's answer when the connection limit is reached (`http::response::too_many_requests`). */
export const TOO_MANY_CONNECTIONS_TEXT = 'Too many connections. Please try again later.';

/** Refuses a socket before it sent anything, with jsonrpsee's 429 answer. */
function refuse(socket: Socket): void {
  socket.end(
    `HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\nContent-Length: ${TOO_MANY_CONNECTIONS_TEXT.length}\r\n` +
      `Connection: close\r\n\r\n${TOO_MANY_CONNECTIONS_TEXT}`,
  );
  socket.destroySoon?.();
}

/** How long `close` lets clients answer the close handshake before dropping them. */
const CLOSE_GRACE_MS = 1000;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new RpcPortInUseError(host, port, error));
      else reject(new RpcServerStartError(`cannot start the dev chain RPC server on ${host}:${port}: ${error.message}`, host, port, error.code, { cause: error }));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeClient(client: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (client.readyState === client.CLOSED) {
      resolve();
      return;
    }
    const timer = setTimeout(() => client.terminate(), CLOSE_GRACE_MS);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.close(1001, 'server shutting down');
  });
}

export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const host = options.host ?? RPC_DEFAULTS.host;
  const requestedPort = options.port ?? RPC_DEFAULTS.port;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${requestedPort}`);
  }
  const maxPayloadBytes = positiveInteger('maxPayloadBytes', options.maxPayloadBytes ?? RPC_DEFAULTS.maxPayloadBytes);
  const maxConnections = positiveInteger('maxConnections', options.maxConnections ?? RPC_DEFAULTS.maxConnections);
  const maxSubscriptions = positiveInteger(
    'maxSubscriptionsPerConnection',
    options.maxSubscriptionsPerConnection ?? RPC_DEFAULTS.maxSubscriptionsPerConnection,
  );
  const maxWatchedKeys = positiveInteger('maxWatchedKeysPerConnection', options.maxWatchedKeysPerConnection ?? RPC_DEFAULTS.maxWatchedKeysPerConnection);
  const maxBufferedBytes = positiveInteger('maxBufferedBytes', options.maxBufferedBytes ?? RPC_DEFAULTS.maxBufferedBytes);
  const limits = {
    maxBatchRequestLen: positiveInteger('maxBatchRequestLen', options.maxBatchRequestLen ?? RPC_DEFAULTS.maxBatchRequestLen),
    maxResponseBytes: positiveInteger('maxResponseBytes', options.maxResponseBytes ?? RPC_DEFAULTS.maxResponseBytes),
    sliceMs: positiveInteger('sliceMs', options.sliceMs ?? RPC_DEFAULTS.sliceMs),
  };
  const maxPendingMessages = positiveInteger('maxPendingMessages', options.maxPendingMessages ?? RPC_DEFAULTS.maxPendingMessages);
  const idleTimeoutMs = positiveInteger('idleTimeoutMs', options.idleTimeoutMs ?? RPC_DEFAULTS.idleTimeoutMs);
  const registry = new ConnectionRegistry({
    maxConnections,
    maxConnectionsPerAddress: positiveInteger('maxConnectionsPerAddress', options.maxConnectionsPerAddress ?? RPC_DEFAULTS.maxConnectionsPerAddress),
    minQuietMs: options.minQuietMs ?? RPC_DEFAULTS.minQuietMs,
  });
  const origins = options.origins ?? defaultOriginPolicy();

  const logger = (options.logger ?? silentLogger).child({ module: 'rpc' });
  const table = buildMethodTable();
  const call = { backend: options.backend, logger };

  const tracked = new WeakMap<Socket, TrackedConnection>();
  const trackedOf = (req: IncomingMessage): TrackedConnection | undefined => tracked.get(req.socket);
  const httpServer = createServer(
    { connectionsCheckingInterval: 1000 },
    createHttpHandler({ table, call, logger, maxPayloadBytes, limits, origins, trackedOf }),
  );
  // Sockets that stay silent (before a request, between keep-alive requests, before an upgrade) are closed.
  httpServer.timeout = positiveInteger('httpIdleTimeoutMs', options.httpIdleTimeoutMs ?? RPC_DEFAULTS.httpIdleTimeoutMs);
  httpServer.headersTimeout = httpServer.timeout;
  httpServer.requestTimeout = 3 * httpServer.timeout;
  httpServer.on('connection', (socket: Socket) => {
    const admitted = registry.admit(socket);
    if (!admitted.admitted) {
      logger.warn({ remote: socket.remoteAddress, limit: admitted.reason, connections: registry.size }, 'refused a connection: too many connections');
      refuse(socket);
      return;
    }
    if (admitted.evicted > 0) logger.debug({ remote: socket.remoteAddress, evicted: admitted.evicted }, 'replaced idle connections');
    tracked.set(socket, admitted.connection);
  });
  httpServer.on('clientError', (error, socket) => {
    logger.debug({ err: error }, 'malformed HTTP request');
    socket.destroy();
  });
  const port = await listen(httpServer, host, requestedPort);
  httpServer.on('error', (error) => logger.error({ err: error }, 'RPC HTTP server error'));

  const wss: WebSocketServer = new WebSocketServer({
    server: httpServer,
    maxPayload: maxPayloadBytes,
    perMessageDeflate: false,
    verifyClient: (info, accept) => {
      if (!originAllowed(origins, info.req.headers.origin)) {
        logger.debug({ origin: info.req.headers.origin }, 'refused a WebSocket from a foreign origin');
        accept(false, 403);
      } else if (!tracked.has(info.req.socket)) {
        accept(false, 429, TOO_MANY_CONNECTIONS_TEXT);
      } else accept(true);
    },
  });
  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));
  wss.on('connection', (socket, request) => {
    const connection = tracked.get(request.socket);
    connection?.touch();
    logger.debug({ remote: request.socket.remoteAddress, connections: registry.size }, 'WebSocket connected');
    serveConnection(socket, { table, call, logger, limits, maxSubscriptions, maxWatchedKeys, maxBufferedBytes, maxPendingMessages, idleTimeoutMs, tracked: connection });
  });

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `ws://${urlHost}:${port}`;
  logger.info({ url }, 'dev chain RPC listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await Promise.all([...wss.clients].map(closeClient));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      logger.info({ url }, 'dev chain RPC closed');
    })();
    return closing;
  };

  return { url, port, close };
}
