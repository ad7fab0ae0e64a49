import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadMetagraph, type ChainClient, type Metagraph } from '../chain';
import { JOURNAL_FILE, Ledger, type LedgerState } from '../economy';
import { silentLogger, type Logger } from '../logging';
import { EvidenceReader, readValidatorState } from './read-files';
import { renderPage } from './page';
import { buildSnapshot, type DashboardSnapshot } from './snapshot';
import { StreamClients } from './stream-clients';

export interface DashboardSources {
  /** The validator's state directory (`state.json`, `evidence/`). */
  readonly validatorStateDir?: string;
  /** The buyback-and-burn ledger directory (`journal.jsonl`). */
  readonly ledgerDir?: string;
  /** With `netuid`: incentive and emission per uid from the metagraph. */
  readonly chain?: ChainClient;
  readonly netuid?: number;
}

export interface DashboardOptions {
  readonly host?: string;
  /** 0: any free port. */
  readonly port?: number;
  readonly sources: DashboardSources;
  /** How often the sources are re-read (default 2000 ms). */
  readonly refreshMs?: number;
  /** How often the metagraph is re-read (default 12000 ms, one block). */
  readonly chainRefreshMs?: number;
  /** Evidence rounds shown (default 100, the newest). */
  readonly maxRounds?: number;
  /** Most concurrent /api/stream clients (default 32); a newcomer replaces the oldest stream of the address holding the most. */
  readonly maxStreamClients?: number;
  /** Most concurrent /api/stream clients from one address (default 8); a newcomer replaces that address's oldest. */
  readonly maxStreamClientsPerAddress?: number;
  /** A stream ends after this long (default 600000 ms); EventSource reconnects by itself. */
  readonly maxStreamLifetimeMs?: number;
  /** Bytes waiting for a client that does not read before its stream is ended (default 1 MiB). */
  readonly maxStreamBufferedBytes?: number;
  /** SSE comment sent to every client this often (default 15000 ms). */
  readonly heartbeatMs?: number;
  readonly logger?: Logger;
}

export interface DashboardServer {
  readonly url: string;
  readonly port: number;
  /** The latest snapshot. */
  snapshot(): DashboardSnapshot;
  /** Re-reads the sources now (as the timer does); resolves with the snapshot. */
  refresh(): Promise<DashboardSnapshot>;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;
/** The page's policy: only the inline script and style that carry this response's nonce may run. */
export function pageCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** The ledger's state, re-read only when the journal changed (read-only: no lock, nothing written). */
class LedgerSource {
  #key = '';
  #state: LedgerState | undefined;
  constructor(readonly dir: string) {}

  read(): LedgerState | undefined {
    let key: string;
    try {
      const st = statSync(join(this.dir, JOURNAL_FILE));
      key = `${st.size}:${st.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (key !== this.#key) {
      const ledger = Ledger.open(this.dir, { readOnly: true });
      try {
        this.#state = ledger.state;
      } finally {
        ledger.close();
      }
      this.#key = key;
    }
    return this.#state;
  }
}

/**
 * Serves the dashboard: `GET /` (the page), `GET /api/snapshot` (JSON), `GET /api/stream`
 * (Server-Sent Events: a `snapshot` event on connect and whenever the data changes) and
 * `GET /health`. Read-only; binds 127.0.0.1 unless told otherwise. See docs/dashboard.md.
 */
export async function startDashboard(options: DashboardOptions): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const refreshMs = options.refreshMs ?? 2000;
  const chainRefreshMs = options.chainRefreshMs ?? 12_000;
  const clients = new StreamClients({
    maxClients: options.maxStreamClients ?? 32,
    maxPerAddress: options.maxStreamClientsPerAddress ?? 8,
    maxLifetimeMs: options.maxStreamLifetimeMs ?? 600_000,
    maxBufferedBytes: options.maxStreamBufferedBytes ?? 1024 * 1024,
  });
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const logger = (options.logger ?? silentLogger).child({ module: 'dashboard' });
  const { validatorStateDir, ledgerDir, chain, netuid } = options.sources;
  const evidence = validatorStateDir ? new EvidenceReader(validatorStateDir, options.maxRounds ?? 100) : null;
  const ledger = ledgerDir ? new LedgerSource(ledgerDir) : null;
  let metagraph: Metagraph | undefined;
  let metagraphAt = 0;
  let chainError: string | null = null;

  const collect = async (): Promise<DashboardSnapshot> => {
    const errors: string[] = [];
    const attempt = <T>(what: string, read: () => T): T | undefined => {
      try {
        return read();
      } catch (error) {
        errors.push(`${what}: ${(error as Error).message}`);
        return undefined;
      }
    };
    const state = validatorStateDir ? attempt('validator state', () => readValidatorState(validatorStateDir)) : undefined;
    const read = evidence ? attempt('evidence', () => evidence.read()) : undefined;
    if (read) errors.push(...read.errors);
    const ledgerState = ledger ? attempt('ledger', () => ledger.read()) : undefined;
    if (chain && netuid !== undefined && Date.now() - metagraphAt >= chainRefreshMs) {
      metagraphAt = Date.now();
      try {
        metagraph = await loadMetagraph(chain, netuid);
        chainError = null;
      } catch (error) {
        chainError = `chain: ${(error as Error).message}`;
      }
    }
    if (chainError) errors.push(chainError);
    return buildSnapshot({ state, evidence: read?.documents ?? [], ledger: ledgerState, metagraph, errors });
  };

  let current = await collect();
  const snapshotEvent = (s: DashboardSnapshot): string => `event: snapshot\nid: ${s.version}\ndata: ${JSON.stringify(s)}\n\n`;

  let inFlight: Promise<DashboardSnapshot> | null = null;
  const refresh = (): Promise<DashboardSnapshot> => {
    inFlight ??= collect()
      .then((next) => {
        if (next.version !== current.version) {
          current = next;
          clients.broadcast(snapshotEvent(next));
          logger.debug({ version: next.version, clients: clients.size }, 'snapshot changed');
        }
        return current;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    if (path === '/') {
      // A fresh nonce per response, so an injected script can never guess it.
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': pageCsp(nonce) });
      res.end(renderPage(current, refreshMs, nonce));
    } else if (path === '/api/snapshot') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(current));
    } else if (path === '/health') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: true, version: current.version, generatedAt: current.generatedAt, streamClients: clients.size, errors: current.errors.length }));
    } else if (path === '/api/stream') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`retry: ${Math.max(1000, refreshMs)}\n\n`);
      const replaced = clients.add(res, req.socket.remoteAddress ?? 'unknown');
      if (replaced > 0) logger.debug({ remote: req.socket.remoteAddress, replaced, clients: clients.size }, 'stream clients replaced');
      clients.send(res, snapshotEvent(current));
    } else {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  };

  const server = createServer(handle);
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'refresh failed'));
  }, refreshMs);
  const heartbeat = setInterval(() => {
    clients.sweep();
    clients.broadcast(`: heartbeat ${Date.now()}\n\n`);
  }, heartbeatMs);
  timer.unref();
  heartbeat.unref();
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${port}/`;
  logger.info({ url }, 'dashboard serving');
  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    snapshot: () => current,
    refresh,
    close: () => {
      closed ??= (async () => {
        clearInterval(timer);
        clearInterval(heartbeat);
        clients.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await inFlight?.catch(() => undefined);
      })();
      return closed;
    },
  };
}
