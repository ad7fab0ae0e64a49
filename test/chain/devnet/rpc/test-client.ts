import WebSocket from 'ws';

/** A raw WebSocket JSON-RPC client that keeps every received message in order. */
export interface Closed {
  code: number;
  reason: string;
}

export type Message = any;

export class TestClient {
  private readonly queue: Message[] = [];
  private waiter: (() => void) | undefined;
  private nextId = 1;
  readonly closed: Promise<Closed>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      this.queue.push(JSON.parse(String(data)));
      this.waiter?.();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString('utf8') });
        this.waiter?.();
      });
    });
    socket.on('error', () => undefined);
  }

  static connect(url: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('error', reject);
    });
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.socket.send(data, { binary });
  }

  send(message: unknown): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** The next message, whatever it is. */
  async next(timeoutMs = 2000): Promise<Message> {
    return this.take(() => 0, timeoutMs, 'any message');
  }

  /** Sends a request and waits for the response with its id (other messages stay queued). */
  async call(method: string, params: unknown = [], id: number | string = this.nextId++): Promise<Message> {
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.take(() => this.queue.findIndex((m: Message) => !Array.isArray(m) && m.id === id && m.method === undefined), 2000, `response ${id}`);
  }

  /** Resolves when no message arrives for `ms`. */
  async expectSilence(ms = 100): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.queue.length > 0) throw new Error(`unexpected message: ${JSON.stringify(this.queue[0])}`);
  }

  private async take(find: () => number, timeoutMs: number, what: string): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.length === 0 ? -1 : find();
      if (index >= 0) return this.queue.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0 || this.socket.readyState === WebSocket.CLOSED) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    await this.closed;
  }
}
