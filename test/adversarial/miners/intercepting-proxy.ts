import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';

/** The miner's own answer to one request, as its real server sent it (signed by its hotkey). */
export interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What the proxy sends back: an answer, nothing ever (`hang`), or a reset connection (`drop`). */
export type Reply = Upstream | 'hang' | 'drop';

/** Decides the reply to one request; `forward()` passes it to the real miner and returns its answer. */
export type Handler = (path: string, body: Buffer, forward: () => Promise<Upstream>) => Promise<Reply>;

/**
 * An HTTP server in front of a real miner node: a miner operator controls everything between
 * its runner and the network, so it can delay, refuse, drop or rewrite any answer. Requests and
 * the miner's signed answers pass through byte for byte unless the handler says otherwise.
 */
export async function startInterceptingProxy(minerUrl: string, handler: Handler): Promise<{ url: string; calls: Map<string, number>; stop(): Promise<void> }> {
  const upstream = new URL(minerUrl);
  const calls = new Map<string, number>();
  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<Upstream>((resolve, reject) => {
      const req = request({ host: upstream.hostname, port: upstream.port, method, path, headers: { ...headers, host: upstream.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks);
      calls.set(path, (calls.get(path) ?? 0) + 1);
      handler(path, body, () => forward(req.method ?? 'GET', path, req.headers, body)).then(
        (reply) => {
          if (reply === 'hang') return;
          if (reply === 'drop') return void req.socket.destroy();
          const headers = { ...reply.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          res.writeHead(reply.status, { ...headers, 'content-length': String(reply.body.length) }).end(reply.body);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** An unsigned JSON error answer, as a miner refusing a request would send it. */
export function unsignedError(status: number, error: string, message = error): Upstream {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ error, message })) };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
