import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { TrackedConnection } from './connection-registry';
import { dispatchText, type DispatchLimits } from './dispatch';
import type { MethodTable } from './handlers';
import { errorResponse, parseError } from './json-rpc-schema';
import type { CallContext } from './method';
import { createSender } from './socket-sender';
import { SubscriptionManager } from './subscriptions';

/**
 * Serves JSON-RPC on one WebSocket until it closes; then ends all its subscriptions.
 *
 * Messages are answered one at a time, in order. While `maxPendingMessages` wait, the
 * socket stops being read (TCP backpressure, as jsonrpsee does with its per-connection
 * message buffer), so one connection holds at most that many requests in memory. A
 * connection with no subscription that sends nothing for `idleTimeoutMs` is closed.
 */
export interface ConnectionOptions {
  readonly table: MethodTable;
  readonly call: CallContext;
  readonly logger: Logger;
  readonly limits: DispatchLimits;
  readonly maxSubscriptions: number;
  readonly maxWatchedKeys: number;
  readonly maxBufferedBytes: number;
  readonly maxPendingMessages: number;
  readonly idleTimeoutMs: number;
  readonly tracked?: TrackedConnection;
}

/** Close code and reason for a connection closed for being idle. */
export const IDLE_CLOSE_CODE = 1000;
export const IDLE_CLOSE_REASON = 'idle timeout';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function serveConnection(socket: WebSocket, options: ConnectionOptions): void {
  const { logger } = options;
  const send = createSender(socket, options.maxBufferedBytes, logger);
  const subscriptions = new SubscriptionManager({ send, maxSubscriptions: options.maxSubscriptions, maxWatchedKeys: options.maxWatchedKeys, logger });
  const ctx = { limits: options.limits, table: options.table, call: options.call, subscriptions, logger };
  const pending: string[] = [];
  let running = false;
  let paused = false;
  let closed = false;

  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (closed) return;
      if (subscriptions.size > 0 || running) {
        armIdle();
        return;
      }
      logger.debug({ idleTimeoutMs: options.idleTimeoutMs }, 'closing an idle WebSocket');
      socket.close(IDLE_CLOSE_CODE, IDLE_CLOSE_REASON);
    }, options.idleTimeoutMs);
    idleTimer.unref();
  };
  armIdle();

  options.tracked?.setBusyCheck(() => running || pending.length > 0 || subscriptions.size > 0);
  options.tracked?.setEvict(() => {
    socket.close(1013, 'too many connections: this idle one was replaced by a new client');
    setTimeout(() => socket.terminate(), 1000).unref();
  });

  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (let text = pending.shift(); text !== undefined && !closed; text = pending.shift()) {
        if (paused && pending.length < options.maxPendingMessages) {
          paused = false;
          socket.resume();
        }
        const outcome = await dispatchText(text, ctx);
        if (outcome.response !== null) send(outcome.response);
        for (const activate of outcome.afterSend) activate();
      }
    } finally {
      running = false;
      if (paused && !closed) {
        paused = false;
        socket.resume();
      }
    }
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    options.tracked?.touch();
    armIdle();
    let text: string;
    try {
      // Text frames are UTF-8-checked by ws; binary frames are accepted when they hold UTF-8 JSON.
      text = isBinary ? utf8.decode(rawToBuffer(data)) : rawToBuffer(data).toString('utf8');
    } catch {
      send(JSON.stringify(errorResponse(null, parseError().toJSON())));
      return;
    }
    pending.push(text);
    if (pending.length >= options.maxPendingMessages && !paused) {
      paused = true;
      socket.pause();
    }
    pump().catch((error: unknown) => logger.error({ err: error }, 'failed to answer a WebSocket message'));
  });

  // ws emits 'error' (then closes) for oversized or malformed frames; without a listener it would throw.
  socket.on('error', (error: Error) => logger.warn({ err: error }, 'WebSocket error; the connection closes'));

  socket.on('close', (code: number, reason: Buffer) => {
    closed = true;
    clearTimeout(idleTimer);
    pending.length = 0;
    logger.debug({ code, reason: reason.toString('utf8'), subscriptions: subscriptions.size }, 'WebSocket closed');
    subscriptions.closeAll();
  });
}
