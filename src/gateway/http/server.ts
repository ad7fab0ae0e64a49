import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readRequestBody } from '../../protocol';
import type { Logger } from '../../logging';
import type { Accounts } from '../accounts/accounts';
import type { Scope } from '../accounts/api-keys';
import type { CreditBook } from '../credits/credit-book';
import { GatewayError, NotFoundError, PayloadTooLargeError, UnauthorizedError } from '../errors';
import { jobView, type JobResults } from '../jobs/job-results';
import type { Jobs } from '../jobs/jobs';
import { quote, type PriceList } from '../jobs/quote';
import { MAX_INPUT_BYTES } from '../jobs/tensors';
import type { Bonds } from '../settlement/bonds';
import type { ModelStore } from '../models/model-store';
import type { FiatPayments } from '../payments/fiat-payments';
import { SIGNATURE_HEADER } from '../payments/webhook-signature';
import { parseJson, send } from './json';
import { openApiDocument } from './openapi';
import { bondDepositBody, createAccountBody, createKeyBody, quoteBody, submitJobBody } from './schemas';

/** Largest JSON body any route takes but job submission. */
export const MAX_JSON_BYTES = 64 * 1024;
/** Largest job submission: the inputs' bytes in base64 plus room for the rest. */
export const MAX_JOB_BODY_BYTES = Math.ceil((MAX_INPUT_BYTES * 4) / 3) + MAX_JSON_BYTES;

const JOB_ID = '(job_[0-9a-f]{24})';

export interface GatewayHttpDeps {
  readonly accounts: Accounts;
  readonly book: CreditBook;
  readonly models: ModelStore;
  readonly fiat: FiatPayments | null;
  readonly prices: PriceList;
  readonly jobs: Jobs;
  readonly results: JobResults;
  readonly bonds: Bonds;
  /** Called after a job is accepted (wakes the dispatcher). */
  readonly onJobSubmitted?: () => void;
  readonly maxModelBytes: number;
  /** The operator's token for account creation; null disables the route. */
  readonly adminToken: string | null;
  readonly version: string;
  readonly logger: Logger;
}

export interface GatewayHttpServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

type Handler = (req: IncomingMessage, params: string[]) => Promise<{ status: number; body: unknown }>;

/**
 * The buyer API over HTTP/JSON (see openapi.ts for the document it serves). Every body is
 * size-bounded before it is read, every JSON body zod-validated, every route but the webhook
 * and the document authenticated by a scoped API key. Errors answer
 * `{ error: { code, message, details } }` with the GatewayError's status; anything else is a
 * 500 whose cause goes to the log only.
 */
export function createGatewayHttp(deps: GatewayHttpDeps): Server {
  const json = async (req: IncomingMessage) => readRequestBody(req, MAX_JSON_BYTES).catch(tooLarge(MAX_JSON_BYTES));
  const auth = (req: IncomingMessage, scope: Scope) => deps.accounts.authenticate(bearer(req), scope);
  const admin = (req: IncomingMessage) => {
    const token = bearer(req);
    if (!deps.adminToken || !token || !sameSecret(token, deps.adminToken)) throw new UnauthorizedError();
  };
  const routes: Array<[string, RegExp, Handler]> = [
    ['GET', /^\/openapi\.json$/, async () => ({ status: 200, body: openApiDocument(deps.version) })],
    ['GET', /^\/healthz$/, async () => ({ status: 200, body: { ok: true } })],
    [
      'POST',
      /^\/v1\/accounts$/,
      async (req) => {
        admin(req);
        const body = parseJson(createAccountBody, await json(req));
        const created = await deps.accounts.create(body.name, body.scopes);
        return { status: 201, body: { account: created.account, keyId: created.keyId, apiKey: created.token } };
      },
    ],
    [
      'GET',
      /^\/v1\/account$/,
      async (req) => {
        const p = await auth(req, 'account:read');
        return { status: 200, body: { account: await deps.accounts.get(p.accountId), entries: await deps.book.entries(p.accountId, 50) } };
      },
    ],
    ['GET', /^\/v1\/keys$/, async (req) => ({ status: 200, body: { keys: await deps.accounts.listKeys((await auth(req, 'keys:manage')).accountId) } })],
    [
      'POST',
      /^\/v1\/keys$/,
      async (req) => {
        const p = await auth(req, 'keys:manage');
        const body = parseJson(createKeyBody, await json(req));
        const key = await deps.accounts.createKey(p.accountId, body.scopes, body.label);
        return { status: 201, body: { keyId: key.keyId, scopes: key.scopes, apiKey: key.token } };
      },
    ],
    [
      'DELETE',
      /^\/v1\/keys\/([0-9a-f]{16})$/,
      async (req, [id]) => {
        const p = await auth(req, 'keys:manage');
        await deps.accounts.revokeKey(p.accountId, id!);
        return { status: 200, body: { revoked: id } };
      },
    ],
    [
      'POST',
      /^\/v1\/payments\/webhook$/,
      async (req) => {
        if (!deps.fiat) throw new NotFoundError('route', 'POST /v1/payments/webhook (no webhook secret configured)');
        const raw = Buffer.from(await json(req));
        const header = req.headers[SIGNATURE_HEADER];
        return { status: 200, body: await deps.fiat.receive(raw, typeof header === 'string' ? header : undefined) };
      },
    ],
    [
      'POST',
      /^\/v1\/models$/,
      async (req) => {
        const p = await auth(req, 'jobs:write');
        const bytes = await readRequestBody(req, deps.maxModelBytes).catch(tooLarge(deps.maxModelBytes));
        const { model, created } = await deps.models.upload(p.accountId, bytes);
        return { status: created ? 201 : 200, body: { model } };
      },
    ],
    [
      'GET',
      /^\/v1\/models\/([0-9a-f]{64})$/,
      async (req, [hash]) => {
        await auth(req, 'jobs:read');
        return { status: 200, body: { model: await deps.models.get(hash!) } };
      },
    ],
    [
      'POST',
      /^\/v1\/quote$/,
      async (req) => {
        await auth(req, 'jobs:read');
        const body = parseJson(quoteBody, await json(req));
        return { status: 200, body: { quote: quote(await deps.models.get(body.model), body.inputs, body.verification, deps.prices) } };
      },
    ],
    [
      'POST',
      /^\/v1\/jobs$/,
      async (req) => {
        const p = await auth(req, 'jobs:write');
        const raw = await readRequestBody(req, MAX_JOB_BODY_BYTES).catch(tooLarge(MAX_JOB_BODY_BYTES));
        const body = parseJson(submitJobBody, raw);
        const job = await deps.jobs.submit(p.accountId, { ...body, maxPrice: BigInt(body.maxPrice) });
        deps.onJobSubmitted?.();
        return { status: 201, body: { job: jobView(job) } };
      },
    ],
    [
      'GET',
      new RegExp(`^/v1/jobs/${JOB_ID}$`),
      async (req, [id]) => {
        const p = await auth(req, 'jobs:read');
        return { status: 200, body: { job: jobView(await deps.jobs.getFor(p.accountId, id!)) } };
      },
    ],
    [
      'GET',
      new RegExp(`^/v1/jobs/${JOB_ID}/result$`),
      async (req, [id]) => {
        const p = await auth(req, 'jobs:read');
        return { status: 200, body: await deps.results.outputs(p.accountId, id!) };
      },
    ],
    [
      'GET',
      new RegExp(`^/v1/jobs/${JOB_ID}/receipt$`),
      async (req, [id]) => {
        const p = await auth(req, 'jobs:read');
        return { status: 200, body: { receipt: await deps.results.receipt(p.accountId, id!) } };
      },
    ],
    [
      'POST',
      /^\/v1\/bonds$/,
      async (req) => {
        admin(req);
        const body = parseJson(bondDepositBody, await json(req));
        const credited = await deps.bonds.deposit(body.miner, BigInt(body.amount), body.ref);
        return { status: credited ? 201 : 200, body: { duplicate: !credited, bond: await deps.bonds.balance(body.miner) } };
      },
    ],
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    let matchedPath = false;
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(path);
      if (!m) continue;
      matchedPath = true;
      if (method !== req.method) continue;
      const { status, body } = await handler(req, m.slice(1));
      send(res, status, body);
      return;
    }
    if (matchedPath) send(res, 405, { error: { code: 'method_not_allowed', message: `${req.method} is not allowed on ${path}`, details: {} } });
    else throw new NotFoundError('route', `${req.method} ${path}`);
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof GatewayError) {
        if (error instanceof PayloadTooLargeError) res.setHeader('connection', 'close');
        send(res, error.status, { error: { code: error.code, message: error.message, details: error.details } });
        return;
      }
      deps.logger.error({ err: error, method: req.method, url: req.url }, 'gateway request failed');
      send(res, 500, { error: { code: 'internal', message: 'internal error', details: {} } });
    });
  });
}

function tooLarge(limit: number) {
  return (error: unknown): never => {
    if (error instanceof BodyTooLargeError) throw new PayloadTooLargeError(limit);
    throw error;
  };
}

/** Starts the API on host:port (port 0: an ephemeral one). */
export function listenGatewayHttp(server: Server, host: string, port: number): Promise<GatewayHttpServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
