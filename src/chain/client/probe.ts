import WebSocket from 'ws';

/**
 * Opens and closes one WebSocket to `endpoint`: resolves when the server accepts the
 * upgrade, rejects with the socket's error (ECONNREFUSED, ENOTFOUND, an HTTP status …) or
 * after `timeoutMs`.
 */
export function probeWebSocket(endpoint: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = new WebSocket(endpoint, { handshakeTimeout: timeoutMs });
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`no WebSocket handshake within ${timeoutMs} ms`)), timeoutMs);
    socket.once('open', () => finish());
    socket.once('error', (e: Error) => finish(e));
    socket.once('unexpected-response', (_req, res) => finish(new Error(`HTTP ${res.statusCode} instead of a WebSocket upgrade`)));
    socket.once('close', (code: number) => finish(new Error(`closed during the handshake (code ${code})`)));
  });
}
