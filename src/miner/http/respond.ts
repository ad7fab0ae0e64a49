import type { ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Writes a complete response; a no-op when the client is already gone. */
export function send(res: ServerResponse, status: number, body: Uint8Array, headers: Record<string, string> = {}, contentType = JSON_TYPE): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.byteLength), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** The JSON error body: `error` is the machine-readable reason (as src/protocol's servers send it), `reason` the same, `message` one line, then any extra fields. */
export function errorBody(reason: string, message: string, fields: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ ...fields, error: reason, reason, message: message.slice(0, 500) }), 'utf8');
}
