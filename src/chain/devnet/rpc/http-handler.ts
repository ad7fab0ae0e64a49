import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { dispatchText } from './dispatch';
import type { MethodTable } from './handlers';
import { errorResponse, oversizedRequest } from './json-rpc-schema';
import type { CallContext } from './method';

/**
 * JSON-RPC over plain HTTP POST on the WebSocket port (no subscriptions), and
 * `GET /health` with Substrate's health JSON.
 */
export interface HttpHandlerOptions {
  readonly table: MethodTable;
  readonly call: CallContext;
  readonly logger: Logger;
  readonly maxPayloadBytes: number;
}

export const HEALTH = { peers: 0, isSyncing: false, shouldHavePeers: false } as const;

function reply(res: ServerResponse, status: number, body: string | null, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const all: Record<string, string | number> = { ...headers };
  if (body !== null) {
    all['Content-Type'] = 'application/json; charset=utf-8';
    all['Content-Length'] = Buffer.byteLength(body, 'utf8');
  }
  res.writeHead(status, all);
  res.end(body ?? undefined);
}

function tooBig(res: ServerResponse, maxPayloadBytes: number): void {
  const body = JSON.stringify(errorResponse(null, oversizedRequest(maxPayloadBytes).toJSON()));
  reply(res, 413, body, { Connection: 'close' });
}

export function createHttpHandler(options: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { logger, maxPayloadBytes } = options;
  const ctx = { table: options.table, call: options.call, subscriptions: null, logger };

  return (req, res) => {
    req.on('error', (error) => logger.debug({ err: error }, 'HTTP request stream failed'));
    res.on('error', (error) => logger.debug({ err: error }, 'HTTP response stream failed'));
    const path = (req.url ?? '/').split('?')[0];

    if (req.method === 'GET' && path === '/health') {
      reply(res, 200, JSON.stringify(HEALTH));
      return;
    }
    if (req.method !== 'POST') {
      reply(res, 405, JSON.stringify({ error: 'use POST for JSON-RPC, or a WebSocket' }), { Allow: 'POST' });
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxPayloadBytes) {
      tooBig(res, maxPayloadBytes);
      req.resume();
      return;
    }

    const chunks: Buffer[] = [];
    let received = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      received += chunk.length;
      if (received > maxPayloadBytes) {
        rejected = true;
        chunks.length = 0;
        tooBig(res, maxPayloadBytes);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (rejected) return;
      const text = Buffer.concat(chunks).toString('utf8');
      dispatchText(text, ctx)
        .then((outcome) => reply(res, outcome.response === null ? 204 : 200, outcome.response))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'failed to answer an HTTP request');
          reply(res, 500, null);
        });
    });
  };
}
