import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../../logging';
import type { Database } from '../db/database';
import { JobStateError, MinerBusyError } from '../errors';
import { nowMs } from '../ids';
import type { Job, Jobs } from '../jobs/jobs';
import type { ModelStore } from '../models/model-store';
import { eligibleMiners, DEFAULT_REPUTATION_WINDOW } from '../scheduling/eligible-miners';
import type { MinerOutcomes } from '../scheduling/miner-outcomes';
import { groupAgreeing } from './compare-outputs';
import type { ExecuteJob, JobMiner } from './execute-job';
import type { MinerDirectory } from './miner-directory';
import { JobRuns, type OkRun } from './job-runs';
import type { Bonds } from '../settlement/bonds';
import type { RevenueOutbox } from '../settlement/revenue-outbox';
import { runOnMiner } from './run-on-miner';
import { settleDelivered } from './settle';

export interface DispatcherOptions {
  readonly db: Database;
  readonly jobs: Jobs;
  readonly models: ModelStore;
  readonly outcomes: MinerOutcomes;
  readonly revenue: RevenueOutbox;
  readonly bonds: Bonds;
  readonly execute: ExecuteJob;
  readonly directory: MinerDirectory;
  /** The gateway's hotkey: signs buyer receipts. */
  readonly signer: KeyringPair;
  /** This gateway's stable name in job leases; a restart under the same name reclaims its jobs at once. */
  readonly owner: string;
  readonly logger: Logger;
  /** Jobs in flight at once, all miners together (default 32). */
  readonly maxConcurrentJobs?: number;
  /** Runs at once on one miner when the directory states no capacity (default 2). */
  readonly maxPerMiner?: number;
  /** Miner runs one job may use in all, retries and checks included (default 4). */
  readonly maxRunsPerJob?: number;
  /** Share of `spot` jobs re-run on a second miner (default 0.1). */
  readonly spotFraction?: number;
  /** A miner's first this-many checked jobs: every spot job it runs is checked (default 3). */
  readonly probationJobs?: number;
  /** Reputation window W and the floor below which a miner gets no jobs (defaults 50, 0.9 over ≥ 5 checked jobs: honest miners agree within tolerance every time). */
  readonly window?: number;
  readonly minReputation?: number;
  readonly minHistory?: number;
  /** Longest one miner run may take (default 60 s; never past the job's deadline). */
  readonly runTimeoutMs?: number;
  /** How long a claim holds without renewal (default 30 s). */
  readonly leaseMs?: number;
  /** Pause between dispatch passes (default 100 ms). */
  readonly pollMs?: number;
  readonly random?: () => number;
}

const DEFAULTS = { maxConcurrentJobs: 32, maxPerMiner: 2, maxRunsPerJob: 4, spotFraction: 0.1, probationJobs: 3, minReputation: 0.9, minHistory: 5, runTimeoutMs: 60_000, leaseMs: 30_000, pollMs: 100, random: Math.random };

interface RunResult {
  readonly miner: string;
  readonly error: Error | null;
  /** The miner was busy and did nothing: the run is lost, not failed, and the miner may be asked again. */
  readonly busy?: boolean;
}

function retryable(error: unknown): boolean {
  return (error as { retryable?: unknown }).retryable !== false;
}

/**
 * The job pipeline: takes queued jobs from the database, routes each to eligible miners
 * (seed 004: PoG passed, class, free slot, reputation), runs it through ExecuteJob, checks it
 * on a second miner where the verification level asks (`redundant` always, `spot` on a
 * sampled share and on a new miner's first jobs), re-runs on a third miner on a mismatch, and
 * settles: delivered (charged, receipt signed, revenue entry) only with an agreeing result,
 * otherwise failed and refunded.
 *
 * Crash-safe: every fact lives in the database (job state and lease, each run and its outputs,
 * the settlement in one transaction). After a crash, a job whose lease lapsed (or that a
 * restart under the same owner finds) is requeued with its finished runs kept; a run that was
 * in flight is marked lost. Settlement moves `running → done` once, so a job is charged and
 * its revenue written at most once whatever is replayed.
 */
export class Dispatcher {
  readonly #o: DispatcherOptions & typeof DEFAULTS;
  readonly #runs: JobRuns;
  readonly #active = new Map<string, Promise<void>>();
  readonly #inflight = new Map<string, number>();
  readonly #aborts = new Set<AbortController>();
  #stopped = true;
  #renewedAt = 0n;
  #loop: Promise<void> = Promise.resolve();
  #wake: (() => void) | null = null;

  constructor(options: DispatcherOptions) {
    this.#o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as DispatcherOptions & typeof DEFAULTS;
    this.#runs = new JobRuns(options.db);
  }

  /** Reclaims this owner's jobs left by a previous process, then dispatches until stop(). */
  async start(): Promise<void> {
    if (!this.#stopped) return;
    await this.recover(true);
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Stops dispatching, aborts runs in flight and waits for every job task to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    for (const c of this.#aborts) c.abort();
    await this.#loop;
    await Promise.allSettled([...this.#active.values()]);
  }

  /** Jobs this dispatcher is working on now. */
  get activeJobs(): number {
    return this.#active.size;
  }

  /** Nudges the loop (a job was just submitted). */
  poke(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    let passes = 0;
    while (!this.#stopped) {
      try {
        await this.pass(passes++ % 20 === 0);
      } catch (error) {
        if (!this.#stopped) this.#o.logger.warn({ err: error }, 'dispatch pass failed; retrying');
      }
      if (this.#stopped) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.#o.pollMs);
        this.#wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.#wake = null;
    }
  }

  /** One pass: expire overdue jobs, renew leases, (sometimes) requeue lapsed ones, start tasks for queued jobs. */
  async pass(sweepLapsed = true): Promise<void> {
    await this.#o.jobs.expireOverdue();
    const now = nowMs();
    // Only the jobs a live task drives keep their lease: one whose task died lapses and is
    // requeued. Renewed a few times per lease, not every pass: each renewal is a durable commit.
    const active = now - this.#renewedAt >= BigInt(Math.floor(this.#o.leaseMs / 4)) ? [...this.#active.keys()] : [];
    if (active.length > 0) this.#renewedAt = now;
    for (let i = 0; i < active.length; i += 200) {
      const ids = active.slice(i, i + 200);
      await this.#o.db.run(`UPDATE jobs SET lease_until_ms = ? WHERE owner = ? AND id IN (${ids.map(() => '?').join(', ')})`, [now + BigInt(this.#o.leaseMs), this.#o.owner, ...ids]);
    }
    if (sweepLapsed) {
      await this.recover(false);
      await this.#o.bonds.returnForEndedJobs();
    }
    const free = this.#o.maxConcurrentJobs - this.#active.size;
    if (free <= 0) return;
    const queued = await this.#o.db.all("SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_ms, id LIMIT ?", [BigInt(free * 2)]);
    for (const r of queued) {
      if (this.#active.size >= this.#o.maxConcurrentJobs || this.#stopped) break;
      this.#spawn(String(r.id));
    }
  }

  /**
   * Requeues jobs whose gateway is gone: leases that lapsed, and (at start) every open job of
   * this owner. Their runs still marked running are lost (the process that awaited them died).
   */
  async recover(ownJobs: boolean): Promise<number> {
    const now = nowMs();
    const rows = await this.#o.db.all(
      `SELECT id FROM jobs WHERE state IN ('assigned', 'running') AND (lease_until_ms IS NULL OR lease_until_ms < ?${ownJobs ? ' OR owner = ?' : ''}) LIMIT 1000`,
      ownJobs ? [now, this.#o.owner] : [now],
    );
    let requeued = 0;
    for (const r of rows) {
      const id = String(r.id);
      if (this.#active.has(id)) continue;
      const moved = await this.#o.db.transaction(async (tx) => {
        const changed = await tx.run(
          `UPDATE jobs SET state = 'queued', owner = NULL, lease_until_ms = NULL, miner = NULL, reason = ?, updated_ms = ?
           WHERE id = ? AND state IN ('assigned', 'running') AND (lease_until_ms IS NULL OR lease_until_ms < ?${ownJobs ? ' OR owner = ?' : ''})`,
          ['requeued after its gateway stopped', now, id, now, ...(ownJobs ? [this.#o.owner] : [])],
        );
        if (changed === 1) await this.#runs.loseRunningIn(tx, id);
        return changed === 1;
      });
      if (moved) requeued++;
    }
    if (requeued > 0) this.#o.logger.info({ requeued }, 'requeued jobs left by a stopped gateway');
    return requeued;
  }

  #spawn(jobId: string): void {
    if (this.#active.has(jobId)) return;
    const task = this.#drive(jobId)
      .catch((error: unknown) => {
        if (!this.#stopped) this.#o.logger.warn({ err: error, jobId }, 'job task failed; the job stays for the next pass');
      })
      .finally(() => this.#active.delete(jobId));
    this.#active.set(jobId, task);
  }

  /** Drives one job until it is settled, or left queued for want of a free miner. */
  async #drive(jobId: string): Promise<void> {
    const { jobs } = this.#o;
    for (;;) {
      if (this.#stopped) return;
      let job = await jobs.get(jobId);
      if (job.state === 'done' || job.state === 'failed') return;
      if (job.state !== 'queued' && job.owner !== this.#o.owner) return; // another gateway has it
      const runs = await this.#runs.of(jobId);
      const ok = runs.filter((r): r is OkRun => r.state === 'ok');
      let required = job.requiredAgreement;
      if (required === null && ok.length > 0) {
        // Only a spot job's draw is stored (a replay must not draw again); the other levels are fixed.
        required = job.verification === 'spot' ? await jobs.decideAgreement(jobId, await this.#agreementFor(job, ok[0]!.miner)) : job.verification === 'redundant' ? 2 : 1;
      }
      const groups = groupAgreeing(ok);
      const best = groups.reduce<OkRun[]>((a, g) => (g.length > a.length ? g : a), []);
      if (required !== null && best.length >= required) {
        await this.#settle(job, best, groups, required);
        return;
      }
      const used = runs.filter((r) => r.state === 'ok' || r.state === 'error').length;
      if (used >= this.#o.maxRunsPerJob) {
        const reason = ok.length > 1 ? `verification failed: ${ok.length} miners returned outputs and no ${required} agreed` : `no miner delivered after ${used} runs: ${runs.find((r) => r.error)?.error ?? 'no answer'}`;
        await this.#failQuietly(jobId, reason);
        return;
      }
      const want = Math.min(ok.length === 0 ? (job.verification === 'redundant' ? 2 : 1) : (required ?? 1) - best.length, this.#o.maxRunsPerJob - used);
      const picked = await this.#pick(job, new Set(runs.filter((r) => r.state !== 'lost').map((r) => r.miner)), want);
      if (picked.length === 0) {
        // Back to the queue, finished runs kept, until a miner is free (the deadline bounds the wait).
        if (job.state !== 'queued') await jobs.requeue(jobId, ok.length > 0 ? 'waiting for a free eligible miner to check the result' : 'waiting for a free eligible miner').catch(ignoreStateChange);
        return;
      }
      try {
        if (job.state === 'queued') job = await jobs.assign(jobId, picked[0]!.hotkey, { owner: this.#o.owner, untilMs: nowMs() + BigInt(this.#o.leaseMs) });
        if (job.state === 'assigned') job = await jobs.running(jobId);
      } catch (error) {
        for (const m of picked) this.#release(m.hotkey);
        if (error instanceof JobStateError) return; // taken, expired or settled meanwhile
        throw error;
      }
      const results = await Promise.all(picked.map((m) => this.#runOn(job, m)));
      const fatal = results.find((r) => r.error && !retryable(r.error));
      if (fatal) {
        await this.#failQuietly(jobId, `miner ${fatal.miner} refused the job for good: ${fatal.error!.message}`);
        return;
      }
      // A busy miner is asked again, on a later pass (not at once: that would hammer it).
      if (results.some((r) => r.busy)) {
        await jobs.requeue(jobId, 'a miner was busy; asked again on the next pass').catch(ignoreStateChange);
        return;
      }
    }
  }

  /** Spot jobs are checked on a sampled share, and always while their first miner is new. */
  async #agreementFor(job: Job, firstMiner: string): Promise<number> {
    if (job.verification === 'redundant') return 2;
    if (job.verification === 'none') return 1;
    const history = (await this.#o.outcomes.history([firstMiner], this.#o.probationJobs)).get(firstMiner) ?? [];
    return history.length < this.#o.probationJobs || this.#o.random() < this.#o.spotFraction ? 2 : 1;
  }

  /** Up to `want` eligible miners not yet tried for the job, each with a slot reserved. */
  async #pick(job: Job, tried: ReadonlySet<string>, want: number): Promise<JobMiner[]> {
    if (want <= 0) return [];
    const { state, miners } = await this.#o.directory.snapshot();
    const window = this.#o.window ?? DEFAULT_REPUTATION_WINDOW;
    const history = await this.#o.outcomes.history(
      miners.map((m) => m.hotkey),
      window,
    );
    const ranked = eligibleMiners(
      state,
      miners.map((m) => ({ uid: m.uid, hotkey: m.hotkey, serving: m.serving, freeSlots: (m.capacity ?? this.#o.maxPerMiner) - (this.#inflight.get(m.hotkey) ?? 0), jobOutcomes: history.get(m.hotkey) ?? [] })),
      { minClass: job.minClass, exclude: tried, window, minReputation: this.#o.minReputation, minHistory: this.#o.minHistory },
    );
    const urls = new Map(miners.map((m) => [m.hotkey, m.url]));
    const picked: JobMiner[] = [];
    for (const m of ranked) {
      if (picked.length >= want) break;
      if (!(await this.#o.bonds.canCover(m.hotkey, job.price))) continue;
      // Slots are reserved synchronously: a concurrent task's pick sees them taken.
      const capacity = miners.find((d) => d.hotkey === m.hotkey)?.capacity ?? this.#o.maxPerMiner;
      if ((this.#inflight.get(m.hotkey) ?? 0) >= capacity) continue;
      this.#inflight.set(m.hotkey, (this.#inflight.get(m.hotkey) ?? 0) + 1);
      picked.push({ hotkey: m.hotkey, url: urls.get(m.hotkey)! });
    }
    return picked;
  }

  #release(hotkey: string): void {
    const n = (this.#inflight.get(hotkey) ?? 1) - 1;
    if (n <= 0) this.#inflight.delete(hotkey);
    else this.#inflight.set(hotkey, n);
  }

  /** One run of `job` on `miner`, recorded before it starts and when it ends. */
  async #runOn(job: Job, miner: JobMiner): Promise<RunResult> {
    const abort = new AbortController();
    this.#aborts.add(abort);
    try {
      if (!(await this.#o.bonds.lock(job.id, miner.hotkey, job.price))) return { miner: miner.hotkey, error: null }; // its collateral went meanwhile: pick again
      if (!(await this.#runs.begin(job.id, miner.hotkey))) return { miner: miner.hotkey, error: null }; // already tried
      const timeoutMs = Math.min(this.#o.runTimeoutMs, Number(job.deadlineMs - nowMs()));
      try {
        const outcome = await runOnMiner(this.#o.execute, this.#o.models, job, await this.#o.jobs.inputs(job.id), miner, timeoutMs, abort.signal);
        await this.#runs.finishOk(job, miner.hotkey, outcome);
        return { miner: miner.hotkey, error: null };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        if (this.#stopped) return { miner: miner.hotkey, error: e };
        if (e instanceof MinerBusyError) {
          await this.#runs.finishLost(job.id, miner.hotkey, e.message);
          return { miner: miner.hotkey, error: e, busy: true };
        }
        await this.#runs.finishError(job.id, miner.hotkey, e.message);
        return { miner: miner.hotkey, error: e };
      }
    } finally {
      this.#aborts.delete(abort);
      this.#release(miner.hotkey);
    }
  }

  async #settle(job: Job, agreeing: readonly OkRun[], groups: readonly OkRun[][], required: number): Promise<void> {
    await settleDelivered(this.#o, job, agreeing, groups, required).catch(ignoreStateChange);
  }

  async #failQuietly(jobId: string, reason: string): Promise<void> {
    await this.#o.jobs.fail(jobId, reason, (tx) => this.#o.bonds.returnAllIn(tx, jobId)).catch(ignoreStateChange);
  }
}

function ignoreStateChange(error: unknown): void {
  if (!(error instanceof JobStateError)) throw error;
}
