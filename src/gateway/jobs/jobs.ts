import type { GpuClassId } from '../../pog/catalogue';
import type { CreditBook } from '../credits/credit-book';
import { big, bigOrNull, one, type Database, type Queryable, type Row } from '../db/database';
import { InvalidRequestError, JobStateError, NotFoundError, PriceAboveMaximumError, TooManyOpenJobsError } from '../errors';
import { newId, nowMs } from '../ids';
import type { ModelStore } from '../models/model-store';
import { isGpuClassId } from './gpu-class-order';
import { quote, type PriceList, type VerificationLevel } from './quote';
import { decodeInputs, decodeTensors, encodeTensors, tensorsHash, type Tensor, type WireTensor } from './tensors';

export const JOB_STATES = ['queued', 'assigned', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
const OPEN: readonly JobState[] = ['queued', 'assigned', 'running'];

/** Longest deadline a job may ask for. */
export const MAX_DEADLINE_MS = 24 * 3600 * 1000;
/** Shortest: less cannot reach a miner and back. */
export const MIN_DEADLINE_MS = 1000;
/** Open jobs one account may have at once: each keeps up to MAX_INPUT_BYTES of inputs in the database. */
export const DEFAULT_MAX_OPEN_JOBS = 1000;

export interface JobRequest {
  readonly model: string;
  readonly inputs: readonly WireTensor[];
  readonly minClass: string;
  /** Milliseconds from submission. */
  readonly deadlineMs: number;
  readonly maxPrice: bigint;
  readonly verification: VerificationLevel;
}

export interface Job {
  readonly id: string;
  readonly accountId: string;
  readonly model: string;
  readonly inputHash: string;
  readonly minClass: GpuClassId;
  readonly verification: VerificationLevel;
  readonly maxPrice: bigint;
  readonly price: bigint;
  readonly deadlineMs: bigint;
  readonly state: JobState;
  readonly reason: string | null;
  readonly miner: string | null;
  readonly attempts: number;
  readonly createdMs: bigint;
  /** The gateway running it (assigned/running) and until when its lease holds. */
  readonly owner: string | null;
  readonly leaseUntilMs: bigint | null;
  /** Miners that must agree before delivery: 1 unchecked, 2 checked; null until decided. */
  readonly requiredAgreement: number | null;
}

/** Work done inside a job's settling transaction (the result, the revenue entry, outcomes). */
export type WithinSettlement = (tx: Queryable, job: Job) => Promise<void>;

/** Who claims a job and for how long. */
export interface Lease {
  readonly owner: string;
  readonly untilMs: bigint;
}

function rowToJob(r: Row): Job {
  return {
    id: String(r.id),
    accountId: String(r.account_id),
    model: String(r.model_hash),
    inputHash: String(r.input_hash),
    minClass: String(r.min_class) as GpuClassId,
    verification: String(r.verification) as VerificationLevel,
    maxPrice: big(r.max_price),
    price: big(r.price),
    deadlineMs: big(r.deadline_ms),
    state: String(r.state) as JobState,
    reason: r.reason === null ? null : String(r.reason),
    miner: r.miner === null ? null : String(r.miner),
    attempts: Number(big(r.attempts)),
    createdMs: big(r.created_ms),
    owner: r.owner === null || r.owner === undefined ? null : String(r.owner),
    leaseUntilMs: bigOrNull(r.lease_until_ms),
    requiredAgreement: r.required_agreement === null || r.required_agreement === undefined ? null : Number(big(r.required_agreement)),
  };
}

/**
 * Jobs and their life: queued → assigned → running → done | failed (with a reason). A job is
 * created together with the hold of its price, in one transaction, so there is never a job
 * without its credit held nor a hold without its job. Its end commits together with the
 * settlement: done charges the hold, failed releases it. State changes are conditional
 * updates, so of two racing changes (a result arriving as the deadline passes) one wins.
 */
export class Jobs {
  constructor(
    private readonly db: Database,
    private readonly book: CreditBook,
    private readonly models: ModelStore,
    private readonly prices: PriceList,
    private readonly maxOpenJobs = DEFAULT_MAX_OPEN_JOBS,
  ) {}

  async submit(accountId: string, request: JobRequest): Promise<Job> {
    if (!isGpuClassId(request.minClass)) throw new InvalidRequestError(`"${request.minClass}" is not a GPU class of the catalogue`, { minClass: request.minClass });
    if (!Number.isInteger(request.deadlineMs) || request.deadlineMs < MIN_DEADLINE_MS || request.deadlineMs > MAX_DEADLINE_MS) throw new InvalidRequestError(`a deadline is ${MIN_DEADLINE_MS}–${MAX_DEADLINE_MS} ms from submission`);
    const model = await this.models.get(request.model);
    const tensors = decodeInputs(request.inputs, model.inputs);
    const q = quote(model, tensors, request.verification, this.prices);
    if (q.price > request.maxPrice) throw new PriceAboveMaximumError(q.price, request.maxPrice);
    const id = newId('job');
    const now = nowMs();
    await this.db.transaction(async (tx) => {
      const open = await one(tx, "SELECT COUNT(*) AS n FROM jobs WHERE account_id = ? AND state IN ('queued', 'assigned', 'running')", [accountId]);
      if (open && big(open.n) >= BigInt(this.maxOpenJobs)) throw new TooManyOpenJobsError(accountId, this.maxOpenJobs);
      await this.book.holdIn(tx, accountId, id, q.price);
      await tx.run(
        `INSERT INTO jobs (id, account_id, model_hash, inputs, input_hash, min_class, verification, max_price, price, deadline_ms, state, attempts, created_ms, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
        [id, accountId, model.hash, encodeTensors(tensors), tensorsHash(tensors), request.minClass, request.verification, request.maxPrice, q.price, now + BigInt(request.deadlineMs), now, now],
      );
    });
    return this.get(id);
  }

  async get(jobId: string): Promise<Job> {
    const r = await one(this.db, 'SELECT * FROM jobs WHERE id = ?', [jobId]);
    if (!r) throw new NotFoundError('job', jobId);
    return rowToJob(r);
  }

  /** The job's input tensors, as stored at submission. */
  async inputs(jobId: string): Promise<Tensor[]> {
    const r = await one(this.db, 'SELECT inputs FROM jobs WHERE id = ?', [jobId]);
    if (!r) throw new NotFoundError('job', jobId);
    return decodeTensors(Buffer.from(r.inputs as Uint8Array));
  }

  /** A job as its owner sees it: another account's job is "not found". */
  async getFor(accountId: string, jobId: string): Promise<Job> {
    const job = await this.get(jobId).catch(() => null);
    if (!job || job.accountId !== accountId) throw new NotFoundError('job', jobId);
    return job;
  }

  /** queued → assigned to `miner` (a hotkey); counts an attempt. With a lease, the claiming gateway and its expiry. */
  assign(jobId: string, miner: string, lease?: Lease): Promise<Job> {
    return this.#move(jobId, ['queued'], 'assigned', { miner, attempt: true, lease: lease ?? null });
  }

  running(jobId: string): Promise<Job> {
    return this.#move(jobId, ['assigned'], 'running', {});
  }

  /** Back to the queue for another miner (the assigned one failed or timed out). */
  requeue(jobId: string, reason: string): Promise<Job> {
    return this.#move(jobId, ['assigned', 'running'], 'queued', { reason, miner: null, lease: null });
  }

  /** running → done, charging the hold in the same transaction (and `within`: the result, the revenue). */
  complete(jobId: string, within?: WithinSettlement): Promise<Job> {
    return this.#move(jobId, ['running'], 'done', { reason: null, settle: 'charged', lease: null, within });
  }

  /** Any open state → failed with `reason`, releasing the hold in the same transaction. */
  fail(jobId: string, reason: string, within?: WithinSettlement): Promise<Job> {
    return this.#move(jobId, OPEN, 'failed', { reason, settle: 'released', lease: null, within });
  }

  /** Fixes how many miners must agree, once: a replay after a crash keeps the first decision. */
  async decideAgreement(jobId: string, required: number): Promise<number> {
    await this.db.run('UPDATE jobs SET required_agreement = ? WHERE id = ? AND required_agreement IS NULL', [BigInt(required), jobId]);
    return (await this.get(jobId)).requiredAgreement ?? required;
  }

  /** Fails every open job whose deadline has passed ("deadline"), refunding each; returns them. */
  async expireOverdue(now: bigint = nowMs()): Promise<Job[]> {
    const rows = await this.db.all(`SELECT id FROM jobs WHERE state IN ('queued', 'assigned', 'running') AND deadline_ms < ? ORDER BY deadline_ms LIMIT 500`, [now]);
    const failed: Job[] = [];
    for (const r of rows) {
      const job = await this.fail(String(r.id), 'deadline').catch((error: unknown) => {
        if (error instanceof JobStateError) return null; // settled meanwhile
        throw error;
      });
      if (job) failed.push(job);
    }
    return failed;
  }

  async #move(
    jobId: string,
    from: readonly JobState[],
    to: JobState,
    change: { miner?: string | null; reason?: string | null; attempt?: boolean; settle?: 'charged' | 'released'; lease?: Lease | null; within?: WithinSettlement | undefined },
  ): Promise<Job> {
    return this.db.transaction(async (tx) => {
      const sets = ['state = ?', 'updated_ms = ?'];
      const params: Array<string | bigint | null> = [to, nowMs()];
      if (change.miner !== undefined) (sets.push('miner = ?'), params.push(change.miner));
      if (change.reason !== undefined) (sets.push('reason = ?'), params.push(change.reason));
      if (change.attempt) sets.push('attempts = attempts + 1');
      if (change.lease !== undefined) {
        sets.push('owner = ?', 'lease_until_ms = ?');
        params.push(change.lease?.owner ?? null, change.lease?.untilMs ?? null);
      }
      const moved = await tx.run(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`, [...params, jobId, ...from]);
      const row = await one(tx, 'SELECT * FROM jobs WHERE id = ?', [jobId]);
      if (!row) throw new NotFoundError('job', jobId);
      if (moved !== 1) throw new JobStateError(jobId, String(row.state), to);
      if (change.settle) await this.book.settleIn(tx, jobId, change.settle, change.settle === 'released' ? (change.reason ?? null) : null);
      const job = rowToJob(row);
      if (change.within) await change.within(tx, job);
      return job;
    });
  }
}
