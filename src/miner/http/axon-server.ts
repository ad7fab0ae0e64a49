import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../../logging';
import { MAX_AUDIT_REQUEST_BYTES, MAX_CHALLENGE_BYTES, MessageValidationError, parseMessage, serialiseMessage } from '../../pog';
import {
  JobMessageError,
  MAX_JOB_REQUEST_BYTES,
  MAX_MODEL_BYTES,
  modelUploadBodyBytes,
  parseJobMessage,
  ProtocolError,
  ReplayGuard,
  signResponse,
  verifyRequest,
  type JobMessageKind,
  type VerifiedRequest,
} from '../../protocol';
import type { ValidatorAccess } from '../access/validator-access';
import type { CapacityReport } from '../capacity/probe-capacity';
import { capacityStatementWriter } from './capacity-statement';
import type { ChallengeService } from '../challenge-service';
import type { JobService } from '../jobs/job-service';
import type { MinerMetrics } from '../metrics/miner-metrics';
import { PROMETHEUS_CONTENT_TYPE } from '../../base';
import { ConnectionGuard, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-guard';
import { readBody } from './read-body';
import { Refusal } from '../refusal';
import { rejectionOf } from './refusal-status';
import { ClientGoneError, Rejection } from './rejection';
import { errorBody, send } from './respond';

/** Bodies of the signed GET routes and of /ping: empty or a small JSON object. */
const SMALL_BODY_BYTES = 1024;

/** POST /model requests received at once, over all senders: bounds the memory unauthenticated upload bodies can take. */
export const MAX_MODEL_BODIES_IN_FLIGHT = 2;

/** Every route: method, whether the request must be signed, and its body bound. */
export const ROUTES = {
  '/health': { method: 'GET', signed: false, maxBodyBytes: 0 },
  '/metrics': { method: 'GET', signed: false, maxBodyBytes: 0 },
  '/capacity': { method: 'GET', signed: true, maxBodyBytes: SMALL_BODY_BYTES },
  '/ping': { method: 'POST', signed: true, maxBodyBytes: SMALL_BODY_BYTES },
  '/challenge': { method: 'POST', signed: true, maxBodyBytes: MAX_CHALLENGE_BYTES },
  '/audit': { method: 'POST', signed: true, maxBodyBytes: MAX_AUDIT_REQUEST_BYTES },
  // The compute market (docs/miner.md, "Jobs"): the wire's ceilings; a miner's JobBounds may set lower ones.
  '/job': { method: 'POST', signed: true, maxBodyBytes: MAX_JOB_REQUEST_BYTES },
  '/model': { method: 'POST', signed: true, maxBodyBytes: modelUploadBodyBytes(MAX_MODEL_BYTES) },
} as const;

type RoutePath = keyof typeof ROUTES;

export interface AxonServerOptions {
  /** The miner's hotkey: requests must be signed for it, and it signs every answer to a signed request. */
  readonly hotkey: KeyringPair;
  readonly netuid: number | null;
  readonly service: ChallengeService;
  /** The compute market's jobs; absent: /job and /model answer 501 jobs_disabled. */
  readonly jobs?: JobService;
  readonly access: ValidatorAccess;
  readonly capacity: CapacityReport;
  readonly metrics: MinerMetrics;
  readonly logger: Logger;
  /** Interface to listen on (default 0.0.0.0) and port (0: any free one). */
  readonly host?: string;
  readonly port: number;
  /** ± tolerance on request timestamps (default: src/protocol's 10 s). */
  readonly maxSkewMs?: number;
  /** Connection limits and receive deadlines (DEFAULT_CONNECTION_LIMITS for what is left out). */
  readonly connections?: Partial<ConnectionLimits>;
  /** Extra fields for GET /health. */
  readonly health?: () => Record<string, unknown>;
}

/** A parsed, authenticated request handed to a route handler. */
interface SignedContext {
  readonly auth: VerifiedRequest;
  readonly body: Buffer;
  readonly signal: AbortSignal;
}

interface Reply {
  readonly status: number;
  readonly body: Uint8Array;
}

const jsonReply = (status: number, value: unknown): Reply => ({ status, body: Buffer.from(JSON.stringify(value), 'utf8') });

/**
 * The miner's axon: node:http, every body size-bounded before it is parsed, every signed
 * request authenticated with src/protocol (Epistula v2 bound to method and path, replay
 * guard, validator permit or allowlist), every answer to a signed request signed by the
 * miner's hotkey. Refusals are 4xx/5xx `{ error, reason, message }` and never throw out of
 * the handler.
 */
export class AxonServer {
  private readonly replay: ReplayGuard;
  readonly guard: ConnectionGuard;
  private readonly sockets = new Set<Socket>();
  private stopping = false;
  private inFlight = 0;
  /** POST /model requests being received or handled. */
  private modelBodies = 0;
  private readonly startedAt = Date.now();
  private readonly capacityStatement: (issuedAtMs: number) => Buffer;
  /** The hotkey's address, once: a KeyringPair's `address` getter re-encodes it (~0.1 ms) on every read. */
  private readonly address: string;

  private constructor(
    private readonly server: Server,
    private readonly options: AxonServerOptions,
  ) {
    this.address = options.hotkey.address;
    this.capacityStatement = capacityStatementWriter({ hotkey: this.address, netuid: options.netuid, capacity: options.capacity });
    this.replay = new ReplayGuard({ windowMs: Math.max(30_000, 2 * (options.maxSkewMs ?? 10_000)) });
    this.guard = new ConnectionGuard({ ...DEFAULT_CONNECTION_LIMITS, ...options.connections }, (reason) => this.reject(reason));
  }

  /** Starts listening; resolves once the port is bound. */
  static async listen(options: AxonServerOptions): Promise<AxonServer> {
    // The guard's per-socket timers enforce the deadlines; Node's sweep (every second here) is only a backstop.
    const server = createServer({ maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 1_000 });
    const axon = new AxonServer(server, options);
    axon.guard.attach(server);
    server.timeout = 0;
    server.maxHeadersCount = 64;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void axon.handle(req, res));
    server.on('connection', (socket: Socket) => {
      axon.sockets.add(socket);
      socket.once('close', () => axon.sockets.delete(socket));
    });
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const reason = timeout ? 'request_timeout' : 'malformed_http';
      axon.reject(reason);
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : timeout ? 408 : 400;
      const body = errorBody(reason, timeout ? 'the request was not received in time' : `the request is not valid HTTP (${error.code ?? 'parse error'})`);
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body.toString()}`);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return axon;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Requests being handled right now. */
  get activeRequests(): number {
    return this.inFlight;
  }

  /**
   * Stops accepting: the listener closes, new requests on open connections get 503
   * `shutting_down`, idle keep-alive connections close. Requests in flight carry on.
   */
  beginShutdown(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.server.close();
    this.server.closeIdleConnections();
  }

  /** beginShutdown(), then waits up to graceMs for requests in flight before cutting every connection. */
  async close(graceMs = 5_000): Promise<void> {
    this.beginShutdown();
    const deadline = Date.now() + graceMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    const pathname = (req.url ?? '/').split('?')[0]!;
    const route = Object.hasOwn(ROUTES, pathname) ? (pathname as RoutePath) : null;
    res.once('finish', () => this.options.metrics.httpRequests.inc({ route: route ?? 'other', code: String(res.statusCode) }));
    try {
      await this.dispatch(req, res, route);
    } catch (error) {
      this.fail(res, error, route);
    } finally {
      this.inFlight--;
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, route: RoutePath | null): Promise<void> {
    if (route === null) throw new Rejection(404, 'not_found', `no route ${req.method ?? ''} ${(req.url ?? '').slice(0, 100)}`);
    const spec = ROUTES[route];
    if (req.method !== spec.method && !(spec.method === 'GET' && req.method === 'HEAD')) {
      res.setHeader('allow', spec.method);
      throw new Rejection(405, 'method_not_allowed', `${route} takes ${spec.method}`);
    }
    if (!spec.signed) {
      await readBody(req, spec.maxBodyBytes);
      if (route === '/health') return send(res, 200, Buffer.from(JSON.stringify(this.healthBody()), 'utf8'));
      return send(res, 200, Buffer.from(await this.options.metrics.registry.render(), 'utf8'), {}, PROMETHEUS_CONTENT_TYPE);
    }
    if (this.stopping) throw new Rejection(503, 'shutting_down', 'the miner is stopping');
    if ((route === '/job' || route === '/model') && !this.options.jobs) throw new Rejection(501, 'jobs_disabled', 'this miner does not run compute-market jobs');
    if (route !== '/model') return this.dispatchSigned(req, res, route);
    // A model body (up to 85 MiB) is buffered before its signature can be checked, so only a few are received at once, whoever sends them.
    if (this.modelBodies >= MAX_MODEL_BODIES_IN_FLIGHT) throw new Rejection(503, 'busy', `${this.modelBodies} model uploads are being received; try again shortly`);
    this.modelBodies++;
    try {
      await this.dispatchSigned(req, res, route);
    } finally {
      this.modelBodies--;
    }
  }

  /** A signed route: its body read within its bound, authenticated, handled, and the answer signed. */
  private async dispatchSigned(req: IncomingMessage, res: ServerResponse, route: RoutePath): Promise<void> {
    const maxBodyBytes = this.bodyBound(route);
    const body = await readBody(req, maxBodyBytes);
    let auth: VerifiedRequest;
    try {
      auth = verifyRequest({
        headers: req.headers,
        body,
        method: req.method ?? '',
        path: req.url ?? '',
        receiver: this.address,
        replay: this.replay,
        maxSkewMs: this.options.maxSkewMs,
        maxBodyBytes,
        isAllowed: (hotkey) => this.options.access.isAllowed(hotkey),
      });
    } catch (error) {
      if (error instanceof ProtocolError) throw new Rejection(error.status, error.reason, error.message);
      throw error;
    }
    this.guard.trust(req.socket);
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', onClose);
    let reply: Reply;
    try {
      reply = await this.route(route, { auth, body, signal: controller.signal });
    } catch (caught) {
      const error = caught instanceof Refusal ? rejectionOf(caught) : caught;
      if (error instanceof Rejection) {
        this.reject(error.reason);
        this.log(error, route, auth.sender);
        reply = { status: error.status, body: errorBody(error.reason, error.message, error.fields) };
      } else {
        throw error;
      }
    } finally {
      res.off('close', onClose);
    }
    send(res, reply.status, reply.body, signResponse({ signer: this.options.hotkey, requestUuid: auth.uuid, body: reply.body }));
  }

  private async route(route: RoutePath, ctx: SignedContext): Promise<Reply> {
    const { service, access, metrics } = this.options;
    switch (route) {
      case '/capacity':
        metrics.capacityRequests.inc();
        return { status: 200, body: this.capacityStatement(Date.now()) };
      case '/ping':
        return jsonReply(200, { pong: true, nowMs: Date.now() });
      case '/challenge': {
        const challenge = parse('challenge', ctx.body);
        const outcome = await service.run(ctx.auth.sender, challenge, access.priorityOf(ctx.auth.sender), ctx.signal);
        return { status: 200, body: Buffer.from(serialiseMessage('commitment', outcome.commitment), 'utf8') };
      }
      case '/audit': {
        const request = parse('auditRequest', ctx.body);
        return { status: 200, body: Buffer.from(service.audit(ctx.auth.sender, request), 'utf8') };
      }
      case '/job': {
        const request = parseJob('jobRequest', ctx.body);
        return jsonReply(200, await this.options.jobs!.run(ctx.auth.sender, request, ctx.signal));
      }
      case '/model': {
        const upload = parseJob('modelUpload', ctx.body);
        return jsonReply(200, await this.options.jobs!.upload(ctx.auth.sender, upload, ctx.signal));
      }
      default:
        throw new Rejection(404, 'not_found', `no route ${route}`);
    }
  }

  /** A route's body bound: the job routes' from the miner's JobBounds, the others' from ROUTES. */
  private bodyBound(route: RoutePath): number {
    const jobs = this.options.jobs;
    if (route === '/job' && jobs) return Math.min(ROUTES[route].maxBodyBytes, jobs.jobBodyBytes);
    if (route === '/model' && jobs) return Math.min(ROUTES[route].maxBodyBytes, jobs.modelBodyBytes);
    return ROUTES[route].maxBodyBytes;
  }

  private healthBody(): Record<string, unknown> {
    return {
      status: this.stopping ? 'stopping' : 'ok',
      hotkey: this.address,
      netuid: this.options.netuid,
      device: this.options.capacity.device.kind,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      metagraphBlock: this.options.access.metagraphBlock,
      ...(this.options.health?.() ?? {}),
    };
  }

  /** Answers an error that escaped a handler: a Rejection as itself, a vanished client with nothing, anything else as 500. */
  private fail(res: ServerResponse, error: unknown, route: RoutePath | null): void {
    if (error instanceof ClientGoneError) {
      this.options.metrics.httpRequests.inc({ route: route ?? 'other', code: '499' });
      res.destroy();
      return;
    }
    let rejection: Rejection;
    if (error instanceof Rejection || error instanceof Refusal) {
      rejection = error instanceof Refusal ? rejectionOf(error) : error;
      this.log(rejection, route);
    } else {
      rejection = new Rejection(500, 'internal', 'the miner failed to handle this request');
      this.options.logger.error({ route, err: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }, 'request handler failed');
    }
    this.reject(rejection.reason);
    // A request refused here may have left its body unread, so its connection is not reused.
    send(res, rejection.status, errorBody(rejection.reason, rejection.message), { connection: 'close' });
  }

  private reject(reason: string): void {
    this.options.metrics.rejections.inc({ reason });
  }

  private log(rejection: Rejection, route: RoutePath | null, sender?: string): void {
    const level = rejection.status >= 500 && rejection.reason !== 'busy' && rejection.reason !== 'shutting_down' ? 'warn' : 'debug';
    this.options.logger[level]({ route, sender, status: rejection.status, reason: rejection.reason, detail: rejection.message }, 'request refused');
  }
}

function parseJob<K extends Extract<JobMessageKind, 'jobRequest' | 'modelUpload'>>(kind: K, body: Buffer) {
  try {
    return parseJobMessage(kind, body);
  } catch (error) {
    if (error instanceof JobMessageError) throw new Rejection(400, 'invalid_message', error.message);
    throw error;
  }
}

function parse<K extends 'challenge' | 'auditRequest'>(kind: K, body: Buffer) {
  try {
    return parseMessage(kind, body);
  } catch (error) {
    if (error instanceof MessageValidationError) throw new Rejection(400, 'invalid_message', error.message);
    throw error;
  }
}
