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

export interface QuoteAnswer {
  readonly model: string;
  readonly verification: VerificationLevel;
  readonly runs: number;
  readonly estimatedFlops: string;
  readonly price: string;
}

/** A job as the API shows it (amounts and times as decimal strings). */
export interface JobAnswer {
  readonly id: string;
  readonly state: 'queued' | 'assigned' | 'running' | 'done' | 'failed';
  readonly reason: string | null;
  readonly model: string;
  readonly inputHash: string;
  readonly verification: VerificationLevel;
  readonly price: string;
  readonly attempts: number;
}

/** A buyer's view of the gateway over HTTP: the same routes as the OpenAPI document, amounts as decimal strings. */
export class BuyerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async #call(method: string, path: string, body?: { json?: unknown; bytes?: Uint8Array }): Promise<Record<string, unknown>> {
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
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new GatewayRequestError(`the gateway answered HTTP ${res.status} with no JSON`, 'bad_answer', res.status);
    }
    if (!res.ok) {
      const e = json.error as { code?: string; message?: string; details?: Record<string, unknown> } | undefined;
      throw new GatewayRequestError(e?.message ?? `HTTP ${res.status}`, e?.code ?? 'http_error', res.status, e?.details ?? {});
    }
    return json;
  }

  async quote(model: string, inputs: ReadonlyArray<{ name: string; dims: readonly number[] }>, verification: VerificationLevel): Promise<QuoteAnswer> {
    return (await this.#call('POST', '/v1/quote', { json: { model, inputs, verification } })).quote as QuoteAnswer;
  }

  /** Uploads an ONNX model; its SHA-256 addresses it from then on. */
  async uploadModel(bytes: Uint8Array): Promise<{ hash: string }> {
    return (await this.#call('POST', '/v1/models', { bytes })).model as { hash: string };
  }

  async submit(job: SubmitJobInput): Promise<JobAnswer> {
    return (await this.#call('POST', '/v1/jobs', { json: job })).job as JobAnswer;
  }

  async status(jobId: string): Promise<JobAnswer> {
    return (await this.#call('GET', `/v1/jobs/${encodeURIComponent(jobId)}`)).job as JobAnswer;
  }

  async result(jobId: string): Promise<{ jobId: string; outputHash: string; outputs: WireTensor[] }> {
    return (await this.#call('GET', `/v1/jobs/${encodeURIComponent(jobId)}/result`)) as unknown as { jobId: string; outputHash: string; outputs: WireTensor[] };
  }

  async receipt(jobId: string): Promise<GatewayReceipt> {
    return (await this.#call('GET', `/v1/jobs/${encodeURIComponent(jobId)}/receipt`)).receipt as GatewayReceipt;
  }

  /** Polls until the job is done or failed, or `timeoutMs` passes. */
  async wait(jobId: string, timeoutMs: number, pollMs = 250): Promise<JobAnswer> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.status(jobId);
      if (job.state === 'done' || job.state === 'failed' || Date.now() > until) return job;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
