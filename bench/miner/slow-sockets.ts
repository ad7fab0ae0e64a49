/**
 * The slow-socket attack on an axon and the legitimate client it must not starve, shared by
 * the miner's abuse tests and `npm run bench`. Loopback only: the attacker's sockets and the
 * pings both go to 127.0.0.1, from source addresses chosen by the caller (Linux routes all of
 * 127/8 to lo, so 127.0.0.2 is a second "host").
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { KeyringPair } from '@polkadot/keyring/types';
import { signRequest, verifyResponse } from '../../src/protocol';

export type SlowMode = 'headers' | 'chunked';

export interface SlowSocketsOptions {
  readonly port: number;
  /** Source addresses, used round-robin (default 127.0.0.1). */
  readonly from?: readonly string[];
  readonly count: number;
  /** headers: one header byte per tick, never finishing; chunked: complete headers, then a 1-byte chunk per tick, never the last. */
  readonly mode: SlowMode;
  readonly tickMs?: number;
}

export interface SlowSockets {
  /** Connections opened, including reopened ones. */
  readonly opened: () => number;
  /** Connections the server closed. */
  readonly closedByServer: () => number;
  /** Sockets open right now. */
  readonly open: () => number;
  stop(): void;
}

/**
 * Keeps `count` attacking sockets open: each sends its request a byte per tick, and one the
 * server closes is reopened at the next tick, as a real attacker would.
 */
export function slowSockets(options: SlowSocketsOptions): SlowSockets {
  const from = options.from ?? ['127.0.0.1'];
  const tickMs = options.tickMs ?? 100;
  const live = new Set<Socket>();
  let opened = 0;
  let closedByServer = 0;
  let stopped = false;
  let slot = 0;
  const head = 'POST /ping HTTP/1.1\r\nhost: miner\r\ncontent-type: application/json\r\n';
  const open = () => {
    const localAddress = from[slot++ % from.length]!;
    const socket = connect({ port: options.port, host: '127.0.0.1', localAddress });
    opened++;
    let sent = 0;
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once('connect', () => {
      if (options.mode === 'chunked') socket.write(`${head}transfer-encoding: chunked\r\n\r\n`);
    });
    socket.once('close', () => {
      live.delete(socket);
      if (!stopped) closedByServer++;
    });
    (socket as Socket & { tick?: () => void }).tick = () => {
      if (!socket.writable || socket.connecting) return;
      if (options.mode === 'headers') socket.write(head[sent++ % head.length]!);
      else socket.write('1\r\nx\r\n');
    };
    live.add(socket);
  };
  for (let i = 0; i < options.count; i++) open();
  const timer = setInterval(() => {
    for (const s of live) (s as Socket & { tick?: () => void }).tick?.();
    for (let i = live.size; i < options.count && !stopped; i++) open();
  }, tickMs);
  return {
    opened: () => opened,
    closedByServer: () => closedByServer,
    open: () => live.size,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      for (const s of live) s.destroy();
      live.clear();
    },
  };
}

export interface PingTarget {
  readonly port: number;
  /** The miner's hotkey: the ping is signed for it and its answer must be signed by it. */
  readonly receiver: string;
  readonly signer: KeyringPair;
  /** Source address of the pinging client (default 127.0.0.2). */
  readonly from?: string;
  readonly timeoutMs?: number;
}

/** One signed POST /ping on a new connection: its latency, or the reason it failed. */
export function signedPing(target: PingTarget): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const body = Buffer.from('{}');
  const headers = signRequest({ signer: target.signer, receiver: target.receiver, body, method: 'POST', path: '/ping' });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, localAddress: target.from ?? '127.0.0.2', method: 'POST', path: '/ping', agent: false, timeout: target.timeoutMs ?? 5_000, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          if (res.statusCode !== 200) return resolve({ ok: false, error: `status ${res.statusCode}` });
          try {
            verifyResponse({ headers: res.headers, body: Buffer.concat(chunks), requestUuid: headers['epistula-uuid']!, expectedSigner: target.receiver });
            resolve({ ok: true, ms });
          } catch (error) {
            resolve({ ok: false, error: (error as Error).message });
          }
        });
        res.on('error', (e) => resolve({ ok: false, error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ ok: false, error: e.message }));
    req.end(body);
  });
}

export interface PingSeries {
  readonly latenciesMs: number[];
  readonly failures: string[];
}

/** Sequential signed pings for `durationMs` (at least `minCount`), `gapMs` apart. */
export async function pingFor(target: PingTarget, durationMs: number, gapMs = 20, minCount = 1): Promise<PingSeries> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const end = performance.now() + durationMs;
  while (performance.now() < end || latenciesMs.length + failures.length < minCount) {
    const r = await signedPing(target);
    if (r.ok) latenciesMs.push(r.ms);
    else failures.push(r.error);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return { latenciesMs, failures };
}

/** The q-quantile (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
