import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type Logger } from '../../../logging';
import type { DevnetBackend } from './backend';
import { buildMethodTable } from './handlers';
import { createHttpHandler } from './http-handler';
import { RpcPortInUseError, RpcServerStartError } from './server-errors';
import { serveConnection } from './ws-connection';

/**
 * The dev chain's Substrate JSON-RPC endpoint: WebSocket (with subscriptions) and
 * HTTP POST on one port, as a Substrate node serves them.
 */
export interface RpcServerOptions {
  readonly backend: DevnetBackend;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 9944; 0 picks a free port. */
  readonly port?: number;
  readonly logger?: Logger;
  /** Largest request (WebSocket message or HTTP body); default 16 MiB. */
  readonly maxPayloadBytes?: number;
  /** Concurrent WebSocket connections; default 256. */
  readonly maxConnections?: number;
  /** Default 1024 (jsonrpsee's default). */
  readonly maxSubscriptionsPerConnection?: number;
  /** Bytes waiting to be sent to one WebSocket before it is closed as too slow; default 64 MiB. */
  readonly maxBufferedBytes?: number;
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
  maxPayloadBytes: 16 * MiB,
  maxConnections: 256,
  maxSubscriptionsPerConnection: 1024,
  maxBufferedBytes: 64 * MiB,
} as const;

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
  const maxBufferedBytes = positiveInteger('maxBufferedBytes', options.maxBufferedBytes ?? RPC_DEFAULTS.maxBufferedBytes);

  const logger = (options.logger ?? silentLogger).child({ module: 'rpc' });
  const table = buildMethodTable();
  const call = { backend: options.backend, logger };

  const httpServer = createServer(createHttpHandler({ table, call, logger, maxPayloadBytes }));
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
    verifyClient: (_info, accept) => {
      if (wss.clients.size >= maxConnections) accept(false, 503, 'Too many connections');
      else accept(true);
    },
  });
  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));
  wss.on('connection', (socket, request) => {
    if (wss.clients.size > maxConnections) {
      socket.close(1013, 'too many connections');
      return;
    }
    logger.debug({ remote: request.socket.remoteAddress, connections: wss.clients.size }, 'WebSocket connected');
    serveConnection(socket, { table, call, logger, maxSubscriptions, maxBufferedBytes });
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
