import { GatewayError } from '../errors';
import type { GatewayReceipt } from '../dispatch/gateway-receipt';
import type { WireTensor } from '../jobs/tensors';
import type { VerificationLevel } from '../jobs/quote';

/** The gateway answered with an error (its `{ error: { code, message, details } }`), or could not be reached. */
export class GatewayRequestError extends GatewayError {}

/** Largest answer the client reads (a result's outputs in base64 plus room). */
const MAX_ANSWER_BYTES = 96 * 1024 * 1024;

export interface SubmitJobInput {
  readonly model: string;
  readonly inputs: readonly WireTensor[];
  readonly minClass: string;
  readonly deadlineMs: number;
  readonly maxPrice: string;
  readonly verification: VerificationLevel;
}

/** A buyer's view of the gateway over HTTP: the same routes as the OpenAPI document, amounts as decimal strings. */
export class BuyerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async #call(method: string, path: string, body?: { json?: unknown; bytes?: Uint8Array }): Promise<Record<string, any>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}` };
    let payload: string | Buffer | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.bytes) {
      headers['content-type'] = 'application/octet-stream';
      payload = Buffer.from(body.bytes);
    }
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), { method, headers, body: payload, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new GatewayRequestError(`cannot reach the gateway at ${this.baseUrl}: ${(error as Error).message}`, 'unreachable', 0);
    }
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_ANSWER_BYTES) throw new GatewayRequestError(`the gateway's answer is ${length} bytes, over ${MAX_ANSWER_BYTES}`, 'answer_too_large', res.status);
    const text = await res.text();
    let json: Record<string, any>;
    try {
      json = JSON.parse(text) as Record<string, any>;
    } catch {
      throw new GatewayRequestError(`the gateway answered HTTP ${res.status} with no JSON`, 'bad_answer', res.status);
    }
    if (!res.ok) {
      const e = json.error as { code?: string; message?: string; details?: Record<string, unknown> } | undefined;
      throw new GatewayRequestError(e?.message ?? `HTTP ${res.status}`, e?.code ?? 'http_error', res.status, e?.details ?? {});
    }
    return json;
  }

  async quote(model: string, inputs: ReadonlyArray<{ name: string; dims: readonly number[] }>, verification: VerificationLevel): Promise<Record<string, any>> {
    return (await this.#call('POST', '/v1/quote', { json: { model, inputs, verification } })).quote;
  }

  /** Uploads an ONNX model; its SHA-256 addresses it from then on. */
  async uploadModel(bytes: Uint8Array): Promise<Record<string, any>> {
    return (await this.#call('POST', '/v1/models', { bytes })).model;
  }

  async submit(job: SubmitJobInput): Promise<Record<string, any>> {
    return (await this.#call('POST', '/v1/jobs', { json: job })).job;
  }

  async status(jobId: string): Promise<Record<string, any>> {
    return (await this.#call('GET', `/v1/jobs/${encodeURIComponent(jobId)}`)).job;
  }

  async result(jobId: string): Promise<{ jobId: string; outputHash: string; outputs: WireTensor[] }> {
    return (await this.#call('GET', `/v1/jobs/${encodeURIComponent(jobId)}/result`)) as { jobId: string; outputHash: string; outputs: WireTensor[] };
  }

  async receipt(jobId: string): Promise<GatewayReceipt> {
    return (await this.#call('GET', `/v1/jobs/${encodeURIComponent(jobId)}/receipt`)).receipt as GatewayReceipt;
  }

  /** Polls until the job is done or failed, or `timeoutMs` passes. */
  async wait(jobId: string, timeoutMs: number, pollMs = 250): Promise<Record<string, any>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.status(jobId);
      if (job.state === 'done' || job.state === 'failed' || Date.now() > until) return job;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
