import { bigOrNull, type Database, type Queryable } from '../db/database';
import { nowMs } from '../ids';
import type { Job } from '../jobs/jobs';
import { decodeTensors, encodeTensors, type Tensor } from '../jobs/tensors';
import type { JobOutcome, MinerJobReceipt } from './execute-job';

export type RunState = 'running' | 'ok' | 'error' | 'lost';

export interface JobRun {
  readonly jobId: string;
  readonly miner: string;
  readonly state: RunState;
  readonly outputs: Tensor[] | null;
  readonly outputHash: string | null;
  readonly receipt: MinerJobReceipt | null;
  readonly deviceMs: number | null;
  readonly error: string | null;
}

export interface OkRun extends JobRun {
  readonly state: 'ok';
  readonly outputs: Tensor[];
  readonly outputHash: string;
  readonly receipt: MinerJobReceipt;
}

/**
 * Each attempt of a job on a miner, durable: begun before the miner is called, finished with
 * its outputs (and the miner's signed receipt) or its error. A job never runs twice on one
 * miner ((job, miner) is the key), so a retry or a check always goes to another miner, and a
 * crash keeps the finished runs for the requeued job to reuse.
 */
export class JobRuns {
  constructor(private readonly db: Database) {}

  /**
   * Records a run as begun; false where this miner already ran (or is running) the job. A run
   * lost in a crash may begin again on the same miner: the miner did nothing wrong.
   */
  async begin(jobId: string, miner: string): Promise<boolean> {
    const sql = `INSERT INTO job_runs (job_id, miner, state, started_ms) VALUES (?, ?, 'running', ?)
      ON CONFLICT (job_id, miner) DO UPDATE SET state = 'running', error = NULL, started_ms = excluded.started_ms, finished_ms = NULL WHERE job_runs.state = 'lost'`;
    return (await this.db.run(sql, [jobId, miner, nowMs()])) === 1;
  }

  async finishOk(job: Job, miner: string, outcome: JobOutcome): Promise<void> {
    await this.db.run("UPDATE job_runs SET state = 'ok', outputs = ?, output_hash = ?, miner_receipt = ?, device_ms = ?, finished_ms = ? WHERE job_id = ? AND miner = ? AND state = 'running'", [
      encodeTensors(outcome.outputs),
      outcome.receipt.outputHash,
      JSON.stringify(outcome.receipt),
      BigInt(Math.max(0, Math.round(outcome.receipt.deviceMs))),
      nowMs(),
      job.id,
      miner,
    ]);
  }

  async finishError(jobId: string, miner: string, error: string): Promise<void> {
    await this.db.run("UPDATE job_runs SET state = 'error', error = ?, finished_ms = ? WHERE job_id = ? AND miner = ? AND state = 'running'", [error.slice(0, 500), nowMs(), jobId, miner]);
  }

  /** The miner was busy and did nothing: the run is lost (not held against the miner or the run budget) and may begin again. */
  async finishLost(jobId: string, miner: string, error: string): Promise<void> {
    await this.db.run("UPDATE job_runs SET state = 'lost', error = ?, finished_ms = ? WHERE job_id = ? AND miner = ? AND state = 'running'", [error.slice(0, 500), nowMs(), jobId, miner]);
  }

  /** Marks runs whose awaiting process died as lost (inside the requeue's transaction). */
  async loseRunningIn(tx: Queryable, jobId: string): Promise<void> {
    await tx.run("UPDATE job_runs SET state = 'lost', error = 'the gateway stopped while it ran', finished_ms = ? WHERE job_id = ? AND state = 'running'", [nowMs(), jobId]);
  }

  async of(jobId: string): Promise<JobRun[]> {
    const rows = await this.db.all('SELECT * FROM job_runs WHERE job_id = ? ORDER BY started_ms, miner', [jobId]);
    return rows.map((r) => ({
      jobId,
      miner: String(r.miner),
      state: String(r.state) as RunState,
      outputs: r.outputs === null ? null : decodeTensors(Buffer.from(r.outputs as Uint8Array)),
      outputHash: r.output_hash === null ? null : String(r.output_hash),
      receipt: r.miner_receipt === null ? null : (JSON.parse(String(r.miner_receipt)) as MinerJobReceipt),
      deviceMs: r.device_ms === null ? null : Number(bigOrNull(r.device_ms)),
      error: r.error === null ? null : String(r.error),
    }));
  }
}

