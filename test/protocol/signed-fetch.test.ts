import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BadSignatureError,
  MissingHeaderError,
  PROTOCOL_HEADERS,
  ProtocolError,
  protocolErrorBody,
  readRequestBody,
  RemoteError,
  ReplayGuard,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  signedFetch,
  signResponse,
  TransportError,
  UnexpectedSignerError,
  verifyRequest,
} from '../../src/protocol';
import { miner, rejected, stranger, validator } from './helpers';

const MAX_BODY = 1024;

/** A miner-like server: every route verifies the request, then answers with a signed response. */
function handler(replay: ReplayGuard, held: ServerResponse[]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, value: unknown, signer = miner, requestUuid?: string) => {
      const body = Buffer.from(JSON.stringify(value));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (requestUuid) Object.assign(headers, signResponse({ signer, requestUuid, body }));
      if (status === 413) headers.connection = 'close';
      res.writeHead(status, headers).end(body);
    };
    try {
      const body = await readRequestBody(req, MAX_BODY);
      const verified = verifyRequest({
        headers: req.headers,
        body,
        method: req.method ?? '',
        path: req.url ?? '',
        receiver: miner.address,
        replay,
        isAllowed: (hotkey) => hotkey !== stranger.address,
      });
      const uuid = verified.uuid;
      switch (req.url) {
        case '/echo':
          return send(200, { from: verified.sender, echo: JSON.parse(Buffer.from(body).toString('utf8')) as unknown }, miner, uuid);
        case '/ping?x=1':
          return send(200, { ok: true, method: req.method }, miner, uuid);
        case '/big':
          return send(200, { blob: 'x'.repeat(10_000) }, miner, uuid);
        case '/big-chunked': {
          const chunk = Buffer.alloc(4096, 0x61);
          res.writeHead(200, { 'content-type': 'application/json' });
          let n = 0;
          const more = () => {
            if (n++ > 100 || res.destroyed) return void res.end();
            res.write(chunk, more);
          };
          return more();
        }
        case '/slow':
          held.push(res);
          return;
        case '/unsigned':
          return send(200, { ok: true });
        case '/foreign':
          return send(200, { ok: true }, stranger, uuid);
        case '/tampered': {
          const headers = signResponse({ signer: miner, requestUuid: uuid, body: Buffer.from('{"ok":true}') });
          res.writeHead(200, headers).end('{"ok":false}');
          return;
        }
        case '/redirect':
          res.writeHead(302, { location: '/echo' }).end();
          return;
        case '/empty':
          res.writeHead(204, signResponse({ signer: miner, requestUuid: uuid, body: new Uint8Array(0) })).end();
          return;
        case '/not-json':
          res.writeHead(500).end('<html>oops</html>');
          return;
        case '/refused-by-another':
          return send(503, { error: 'busy', message: 'forged on the path' }, stranger, uuid);
        default:
          return send(404, { error: 'not_found', message: 'no such route' }, miner, uuid);
      }
    } catch (error) {
      if (error instanceof ProtocolError) return send(error.status, protocolErrorBody(error));
      res.writeHead(500).end();
    }
  };
}

let server: Server;
let base: string;
const held: ServerResponse[] = [];
const replay = new ReplayGuard();

beforeAll(async () => {
  server = createServer((req, res) => void handler(replay, held)(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (over: Partial<Parameters<typeof signedFetch>[0]> = {}) =>
  signedFetch({ url: base, path: '/echo', json: { hello: 'miner' }, signer: validator, receiver: miner.address, timeoutMs: 5_000, maxResponseBytes: 4096, ...over });

async function expectError(promise: Promise<unknown>, cls: new (...args: never[]) => ProtocolError, status: number, reason: string): Promise<ProtocolError> {
  const error = await rejected(promise);
  expect(error).toBeInstanceOf(cls);
  expect([(error as ProtocolError).status, (error as ProtocolError).reason]).toEqual([status, reason]);
  return error as ProtocolError;
}

describe('signedFetch against a node:http server using verifyRequest/signResponse', () => {
  it('POSTs signed JSON and returns the verified, parsed response', async () => {
    await expect(call()).resolves.toEqual({ status: 200, body: { from: validator.address, echo: { hello: 'miner' } }, signer: miner.address });
  });

  it('GETs with a query string (signed as part of the path)', async () => {
    await expect(call({ path: '/ping?x=1', json: undefined })).resolves.toEqual({ status: 200, body: { ok: true, method: 'GET' }, signer: miner.address });
  });

  it('replaces any path in url by path', async () => {
    await expect(call({ url: `${base}/elsewhere` })).resolves.toMatchObject({ status: 200 });
  });

  it('returns null for an empty signed 2xx body', async () => {
    await expect(call({ path: '/empty', json: undefined })).resolves.toEqual({ status: 204, body: null, signer: miner.address });
  });

  it('surfaces a 4xx with its reason', async () => {
    const notAllowed = await expectError(call({ signer: stranger }), RemoteError, 403, 'not_allowed');
    expect(notAllowed.message).toContain('not allowed');
    await expectError(call({ receiver: stranger.address }), RemoteError, 401, 'bad_receiver');
    await expectError(call({ json: { blob: 'x'.repeat(2 * MAX_BODY) } }), RemoteError, 413, 'body_too_large');
    await expectError(call({ path: '/nowhere' }), RemoteError, 404, 'not_found');
    await expectError(call({ path: '/not-json', json: undefined }), RemoteError, 500, 'http_500');
  });

  it('says whether a refusal was signed by the receiver: one anyone on the path could forge is marked unsigned', async () => {
    const signed = (await expectError(call({ path: '/nowhere' }), RemoteError, 404, 'not_found')) as RemoteError;
    expect(signed.signed).toBe(true);
    expect(signed.message).not.toMatch(/unsigned/);
    const forged = (await expectError(call({ path: '/refused-by-another' }), RemoteError, 503, 'busy')) as RemoteError;
    expect(forged.signed).toBe(false);
    expect(forged.message).toMatch(/\(unsigned\)$/);
    expect(((await expectError(call({ signer: stranger }), RemoteError, 403, 'not_allowed')) as RemoteError).signed).toBe(false);
  });

  it('rejects an oversized response, declared or streamed', async () => {
    await expectError(call({ path: '/big', json: undefined }), ResponseTooLargeError, 502, 'response_too_large');
    await expectError(call({ path: '/big-chunked', json: undefined, maxResponseBytes: 100_000 }), ResponseTooLargeError, 502, 'response_too_large');
  });

  it('times out', async () => {
    await expectError(call({ path: '/slow', json: undefined, timeoutMs: 200 }), RequestTimeoutError, 504, 'timeout');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = call({ path: '/slow', json: undefined, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expectError(pending, RequestAbortedError, 499, 'aborted');
    await expectError(call({ signal: AbortSignal.abort() }), RequestAbortedError, 499, 'aborted');
  });

  it('refuses a 2xx that is unsigned, signed by another hotkey, or tampered', async () => {
    await expectError(call({ path: '/unsigned', json: undefined }), MissingHeaderError, 400, 'missing_header');
    await expectError(call({ path: '/foreign', json: undefined }), UnexpectedSignerError, 401, 'wrong_signer');
    await expectError(call({ path: '/tampered', json: undefined }), BadSignatureError, 401, 'bad_signature');
  });

  it('does not follow redirects (the signature is bound to the path)', async () => {
    const error = await expectError(call({ path: '/redirect', json: undefined }), TransportError, 502, 'transport');
    expect(error.message).toMatch(/redirect/i);
  });

  it('reports a refused connection as TransportError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await expectError(call({ url: `http://127.0.0.1:${port}` }), TransportError, 502, 'transport');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('rejects bad arguments with TypeError before sending', async () => {
    await expect(call({ path: 'echo' })).rejects.toThrow(TypeError);
    await expect(call({ path: '/a/../echo' })).rejects.toThrow(TypeError);
    await expect(call({ url: 'ftp://127.0.0.1' })).rejects.toThrow(TypeError);
    await expect(call({ method: 'GET' })).rejects.toThrow(TypeError);
    await expect(call({ receiver: 'nobody' })).rejects.toThrow(TypeError);
  });

  it('sends headers the server sees with their Epistula names', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const spy = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    const port = (spy.address() as AddressInfo).port;
    await rejected(call({ url: `http://127.0.0.1:${port}` }));
    spy.closeAllConnections();
    await new Promise<void>((resolve) => spy.close(() => resolve()));
    for (const name of Object.values(PROTOCOL_HEADERS)) expect(typeof seen[0]?.[name]).toBe('string');
    expect(seen[0]?.['content-type']).toBe('application/json');
  });
});
