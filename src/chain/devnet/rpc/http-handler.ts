import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TrackedConnection } from './connection-registry';
import { dispatchText, type DispatchLimits } from './dispatch';
import type { MethodTable } from './handlers';
import { errorResponse, oversizedRequest } from './json-rpc-schema';
import type { CallContext } from './method';
import { originAllowed, type OriginPolicy } from './origin-policy';

/**
 * JSON-RPC over plain HTTP POST on the WebSocket port (no subscriptions), and
 * `GET /health` with Substrate's health JSON. As jsonrpsee does, a POST must say it is
 * JSON (415 otherwise): a foreign web page can send a `text/plain` POST without a CORS
 * preflight, but not an `application/json` one. A request whose `Origin` is not allowed
 * gets 403 before anything is read.
 */
export interface HttpHandlerOptions {
  readonly table: MethodTable;
  readonly call: CallContext;
  readonly logger: Logger;
  readonly maxPayloadBytes: number;
  readonly limits: DispatchLimits;
  readonly origins: OriginPolicy;
  /** The registry's record of the request's socket, if it has one. */
  readonly trackedOf?: (req: IncomingMessage) => TrackedConnection | undefined;
}

/** jsonrpsee's `is_json`: the Content-Type values it accepts for a JSON-RPC POST. */
const JSON_CONTENT_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
  'application/json-rpc',
  'application/json-rpc;charset=utf-8',
  'application/json-rpc; charset=utf-8',
]);
export const UNSUPPORTED_CONTENT_TYPE_TEXT = 'Supplied content type is not allowed. Content-Type: application/json is required\n';

export const HEALTH = { peers: 0, isSyncing: false, shouldHavePeers: false } as const;

function reply(res: ServerResponse, status: number, body: string | null, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const all: Record<string, string | number> = { ...headers };
  if (body !== null) {
    all['Content-Type'] ??= 'application/json; charset=utf-8';
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
  const ctx = { limits: options.limits, table: options.table, call: options.call, subscriptions: null, logger };

  return (req, res) => {
    req.on('error', (error) => logger.debug({ err: error }, 'HTTP request stream failed'));
    res.on('error', (error) => logger.debug({ err: error }, 'HTTP response stream failed'));
    const path = (req.url ?? '/').split('?')[0];
    const tracked = options.trackedOf?.(req);
    tracked?.touch();

    const origin = req.headers.origin;
    if (!originAllowed(options.origins, origin)) {
      logger.debug({ origin }, 'refused an HTTP request from a foreign origin');
      reply(res, 403, null, { Connection: 'close' });
      req.resume();
      return;
    }
    const cors: Record<string, string> = origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };

    if (req.method === 'OPTIONS') {
      reply(res, 204, null, { ...cors, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '3600' });
      req.resume();
      return;
    }
    if (req.method === 'GET' && path === '/health') {
      reply(res, 200, JSON.stringify(HEALTH), cors);
      return;
    }
    if (req.method !== 'POST') {
      reply(res, 405, JSON.stringify({ error: 'use POST for JSON-RPC, or a WebSocket' }), { ...cors, Allow: 'POST' });
      req.resume();
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').trim().toLowerCase();
    if (!JSON_CONTENT_TYPES.has(contentType)) {
      reply(res, 415, UNSUPPORTED_CONTENT_TYPE_TEXT, { ...cors, 'Content-Type': 'text/plain; charset=utf-8' });
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
      chunks.length = 0;
      let busy = true;
      tracked?.setBusyCheck(() => busy);
      dispatchText(text, ctx)
        .then((outcome) => reply(res, outcome.response === null ? 204 : 200, outcome.response, cors))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'failed to answer an HTTP request');
          reply(res, 500, null);
        })
        .finally(() => {
          busy = false;
          tracked?.touch();
        });
    });
  };
}
