import { one, type Database } from '../db/database';
import { ResultNotReadyError } from '../errors';
import type { GatewayReceipt } from '../dispatch/gateway-receipt';
import type { Job, Jobs } from './jobs';
import { decodeTensors, type WireTensor } from './tensors';

/** A job as its buyer sees it (no lease or scheduling internals). */
export interface JobView {
  readonly id: string;
  readonly state: Job['state'];
  readonly reason: string | null;
  readonly model: string;
  readonly inputHash: string;
  readonly minClass: string;
  readonly verification: Job['verification'];
  readonly price: bigint;
  readonly maxPrice: bigint;
  readonly deadlineMs: bigint;
  readonly attempts: number;
  readonly createdMs: bigint;
}

export function jobView(job: Job): JobView {
  const { id, state, reason, model, inputHash, minClass, verification, price, maxPrice, deadlineMs, attempts, createdMs } = job;
  return { id, state, reason, model, inputHash, minClass, verification, price, maxPrice, deadlineMs, attempts, createdMs };
}

/** What a delivered job hands its buyer: the outputs (as the API carries tensors) and the gateway-signed receipt. */
export class JobResults {
  constructor(
    private readonly db: Database,
    private readonly jobs: Jobs,
  ) {}

  async #row(accountId: string, jobId: string) {
    const job = await this.jobs.getFor(accountId, jobId);
    const r = job.state === 'done' ? await one(this.db, 'SELECT outputs, output_hash, receipt FROM job_results WHERE job_id = ?', [jobId]) : undefined;
    if (!r) throw new ResultNotReadyError(jobId, job.state === 'failed' ? `failed (${job.reason ?? 'no reason'}); its credit was released` : job.state);
    return r;
  }

  async outputs(accountId: string, jobId: string): Promise<{ jobId: string; outputHash: string; outputs: WireTensor[] }> {
    const r = await this.#row(accountId, jobId);
    const outputs = decodeTensors(Buffer.from(r.outputs as Uint8Array)).map((t) => ({ name: t.name, type: t.type, dims: [...t.dims], data: t.data.toString('base64') }));
    return { jobId, outputHash: String(r.output_hash), outputs };
  }

  async receipt(accountId: string, jobId: string): Promise<GatewayReceipt> {
    return JSON.parse(String((await this.#row(accountId, jobId)).receipt)) as GatewayReceipt;
  }
}
