import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { dispatchText } from './dispatch';
import type { MethodTable } from './handlers';
import { errorResponse, parseError } from './json-rpc-schema';
import type { CallContext } from './method';
import { createSender } from './socket-sender';
import { SubscriptionManager } from './subscriptions';

/** Serves JSON-RPC on one WebSocket until it closes; then ends all its subscriptions. */
export interface ConnectionOptions {
  readonly table: MethodTable;
  readonly call: CallContext;
  readonly logger: Logger;
  readonly maxSubscriptions: number;
  readonly maxBufferedBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function serveConnection(socket: WebSocket, options: ConnectionOptions): void {
  const { logger } = options;
  const send = createSender(socket, options.maxBufferedBytes, logger);
  const subscriptions = new SubscriptionManager({ send, maxSubscriptions: options.maxSubscriptions, logger });
  const ctx = { table: options.table, call: options.call, subscriptions, logger };

  const handle = async (text: string): Promise<void> => {
    const outcome = await dispatchText(text, ctx);
    if (outcome.response !== null) send(outcome.response);
    for (const activate of outcome.afterSend) activate();
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    let text: string;
    try {
      // Text frames are UTF-8-checked by ws; binary frames are accepted when they hold UTF-8 JSON.
      text = isBinary ? utf8.decode(rawToBuffer(data)) : rawToBuffer(data).toString('utf8');
    } catch {
      send(JSON.stringify(errorResponse(null, parseError().toJSON())));
      return;
    }
    handle(text).catch((error: unknown) => logger.error({ err: error }, 'failed to answer a WebSocket message'));
  });

  // ws emits 'error' (then closes) for oversized or malformed frames; without a listener it would throw.
  socket.on('error', (error: Error) => logger.warn({ err: error }, 'WebSocket error; the connection closes'));

  socket.on('close', (code: number, reason: Buffer) => {
    logger.debug({ code, reason: reason.toString('utf8'), subscriptions: subscriptions.size }, 'WebSocket closed');
    subscriptions.closeAll();
  });
}
