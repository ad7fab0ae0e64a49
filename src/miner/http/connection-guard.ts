import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIPv6, type Socket } from 'node:net';
import { errorBody } from './respond';

/** Limits on connections before and while a request is received. */
export interface ConnectionLimits {
  /** Most connections open at once, trusted or not (default 256). */
  readonly maxConnections: number;
  /** Connections kept for sockets that carried an authenticated request (default 64): anonymous ones get the rest. */
  readonly reservedTrusted: number;
  /** Most anonymous connections from one address (an IPv6 /64 counts as one; default 8). */
  readonly maxPerAddress: number;
  /** From accept, or from the end of the previous response on a keep-alive socket, to complete headers (default 3 s). */
  readonly headersMs: number;
  /** From complete headers to the end of the body (default 5 s): a chunked body that never ends is cut here. */
  readonly bodyMs: number;
  /** How long an idle keep-alive socket waits for the next request's first byte (Node's keepAliveTimeout; default 5 s). */
  readonly keepAliveMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 256,
  reservedTrusted: 64,
  maxPerAddress: 8,
  headersMs: 3_000,
  bodyMs: 5_000,
  keepAliveMs: 5_000,
};

/** Why the guard closed a socket (counted in pog_miner_rejections_total). */
export type GuardReason = 'connection_limit' | 'address_limit' | 'evicted' | 'headers_timeout' | 'body_timeout';

interface Tracked {
  readonly socket: Socket;
  readonly address: string;
  trusted: boolean;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The key an address is limited under: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its
 * /64, since one host usually holds a whole /64.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/**
 * Per-socket deadlines and connection accounting for a node:http server, enforced by one
 * timer per socket (Node's own headersTimeout/requestTimeout are only checked by a periodic
 * sweep, and its socket timeout restarts on every byte, so a client sending one byte a second
 * holds a socket forever). A socket is anonymous until a request on it is authenticated
 * (trust()); anonymous sockets are limited per address and in total, and when their share is
 * full the oldest anonymous one is closed for the newcomer, so a flood can delay but not lock
 * out a validator, whose own connection, once trusted, is never evicted.
 */
export class ConnectionGuard {
  private readonly sockets = new Map<Socket, Tracked>();
  /** Anonymous sockets in accept order: the first is the one evicted. */
  private readonly anonymous = new Set<Tracked>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly onClose: (reason: GuardReason) => void,
  ) {
    if (limits.reservedTrusted >= limits.maxConnections) throw new RangeError('reservedTrusted must be below maxConnections');
  }

  /** Installs the guard's listeners on `server` (before it listens). */
  attach(server: Server): void {
    server.keepAliveTimeout = this.limits.keepAliveMs;
    // Node's sweep stays as a backstop behind the guard's own timers.
    server.headersTimeout = this.limits.keepAliveMs + this.limits.headersMs + 1_000;
    server.requestTimeout = server.headersTimeout + this.limits.bodyMs;
    server.on('connection', (socket: Socket) => this.admit(socket));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res));
  }

  /** Marks the socket as carrying an authenticated request: it leaves the anonymous share and is never evicted. */
  trust(socket: Socket): void {
    const t = this.sockets.get(socket);
    if (!t || t.trusted) return;
    t.trusted = true;
    this.forgetAnonymous(t);
  }

  /** Open sockets: anonymous, and trusted. */
  get counts(): { readonly anonymous: number; readonly trusted: number } {
    return { anonymous: this.anonymous.size, trusted: this.sockets.size - this.anonymous.size };
  }

  private admit(socket: Socket): void {
    const address = addressKey(socket.remoteAddress);
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxPerAddress) {
      this.refuse(socket, 'address_limit');
      return;
    }
    if (this.sockets.size >= this.limits.maxConnections && !this.evictOldest()) {
      this.refuse(socket, 'connection_limit');
      return;
    }
    if (this.anonymous.size >= this.limits.maxConnections - this.limits.reservedTrusted && !this.evictOldest()) {
      this.refuse(socket, 'connection_limit');
      return;
    }
    const t: Tracked = { socket, address, trusted: false, timer: undefined };
    this.sockets.set(socket, t);
    this.anonymous.add(t);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.arm(t, this.limits.headersMs, 'headers_timeout');
    socket.once('close', () => {
      this.disarm(t);
      this.forgetAnonymous(t);
      this.sockets.delete(socket);
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const t = this.sockets.get(req.socket);
    if (!t) return;
    if (req.complete) this.disarm(t);
    else {
      this.arm(t, this.limits.bodyMs, 'body_timeout');
      // 'end' fires only when the handler reads the body; every route reads it or closes the connection.
      req.once('end', () => this.disarm(t));
    }
    // On a keep-alive socket the next request's headers get the idle time plus the header deadline.
    res.once('finish', () => {
      if (!t.socket.destroyed) this.arm(t, this.limits.keepAliveMs + this.limits.headersMs, 'headers_timeout');
    });
  }

  private arm(t: Tracked, ms: number, reason: GuardReason): void {
    this.disarm(t);
    t.timer = setTimeout(() => {
      t.timer = undefined;
      this.onClose(reason);
      this.forgetAnonymous(t);
      this.sockets.delete(t.socket);
      // A few hundred bytes always fit the kernel's send buffer, so 'finish' comes at once even from a peer that never reads.
      if (t.socket.writable) t.socket.end(timeoutResponse(reason), () => t.socket.destroy());
      else t.socket.destroy();
    }, ms);
    t.timer.unref();
  }

  private disarm(t: Tracked): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = undefined;
  }

  private evictOldest(): boolean {
    const oldest = this.anonymous.values().next().value as Tracked | undefined;
    if (!oldest) return false;
    this.disarm(oldest);
    this.forgetAnonymous(oldest);
    this.sockets.delete(oldest.socket);
    this.onClose('evicted');
    oldest.socket.destroy();
    return true;
  }

  private forgetAnonymous(t: Tracked): void {
    if (!this.anonymous.delete(t)) return;
    const n = (this.perAddress.get(t.address) ?? 1) - 1;
    if (n <= 0) this.perAddress.delete(t.address);
    else this.perAddress.set(t.address, n);
  }

  private refuse(socket: Socket, reason: GuardReason): void {
    this.onClose(reason);
    socket.destroy();
  }
}

/** The raw 408 written to a socket whose deadline passed (no response object exists for half-received headers). */
function timeoutResponse(reason: GuardReason): string {
  const what = reason === 'headers_timeout' ? 'headers' : 'body';
  const body = errorBody(reason, `the request's ${what} did not arrive in time`).toString();
  return `HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
