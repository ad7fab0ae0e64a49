import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy that delays every byte by `delayMs` in each direction (so a round trip gains
 * 2 × delayMs), as a long network path would. Order is kept: Node fires timers of the same
 * duration in the order they were set.
 */
export async function startLatencyProxy(target: { host: string; port: number }, delayMs: number): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const pipeDelayed = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, delayMs);
    });
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
    from.on('close', () => setTimeout(() => to.destroy(), delayMs + 1));
  };
  const server = createServer((client) => {
    const upstream = createConnection(target);
    // No Nagle: a delayed small write must not wait for an ACK as well.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
