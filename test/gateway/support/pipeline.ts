import { keypairFromUri } from '../../../src/chain/keys';
import { Accounts } from '../../../src/gateway/accounts/accounts';
import { CreditBook } from '../../../src/gateway/credits/credit-book';
import { big, type Database } from '../../../src/gateway/db/database';
import { Dispatcher, type DispatcherOptions } from '../../../src/gateway/dispatch/dispatcher';
import { JobRuns } from '../../../src/gateway/dispatch/job-runs';
import { Jobs, type Job, type JobRequest } from '../../../src/gateway/jobs/jobs';
import { DEFAULT_PRICES } from '../../../src/gateway/jobs/quote';
import type { WireTensor } from '../../../src/gateway/jobs/tensors';
import { ModelStore } from '../../../src/gateway/models/model-store';
import { MinerOutcomes } from '../../../src/gateway/scheduling/miner-outcomes';
import { Bonds } from '../../../src/gateway/settlement/bonds';
import { RevenueOutbox } from '../../../src/gateway/settlement/revenue-outbox';
import { silentLogger } from '../../../src/logging';
import { denseModel } from './models';
import { onnxExecutor, passedDirectory, seeded, type TestMiner } from './onnx-miners';

export const GATEWAY_KEY = keypairFromUri('//PipelineGateway');

/** Inputs for job number `n`: 8 × 4 floats, different per job. */
export function jobInputs(n: number): WireTensor[] {
  const rnd = seeded(1000 + n);
  const data = new Float32Array(32).map(() => rnd() * 4 - 2);
  return [{ name: 'X', type: 'float32', dims: [8, 4], data: Buffer.from(data.buffer).toString('base64') }];
}

export interface PipelineOptions {
  readonly miners: readonly TestMiner[];
  readonly delayMs?: number;
  readonly bondModulationPpm?: bigint;
  readonly dispatcher?: Partial<DispatcherOptions>;
}

/** The gateway's job parts over `db`, with the dispatcher wired to in-process ONNX miners. */
export function pipelineOver(db: Database, options: PipelineOptions) {
  const accounts = new Accounts(db, (id) => `addr-${id}`);
  const book = new CreditBook(db);
  const models = new ModelStore(db);
  const jobs = new Jobs(db, book, models, DEFAULT_PRICES);
  const revenue = new RevenueOutbox(db);
  const bonds = new Bonds(db, revenue, options.bondModulationPpm ?? 0n);
  const outcomes = new MinerOutcomes(db);
  const runs = new JobRuns(db);
  const dispatcher = new Dispatcher({
    db,
    jobs,
    models,
    outcomes,
    revenue,
    bonds,
    execute: onnxExecutor(options.miners, { delayMs: options.delayMs ?? 0 }),
    directory: passedDirectory(options.miners),
    signer: GATEWAY_KEY,
    owner: 'gw-test',
    logger: silentLogger,
    pollMs: 10,
    ...options.dispatcher,
  });
  return { db, accounts, book, models, jobs, revenue, bonds, outcomes, runs, dispatcher };
}

/** A funded buyer with the dense model uploaded. */
export async function buyer(p: ReturnType<typeof pipelineOver>, credit = 10n ** 12n) {
  const { account } = await p.accounts.create('pipeline buyer');
  await p.db.transaction((tx) => p.book.credit(tx, account.id, 'deposit_tao', credit, `tao:${account.id}`));
  const { model } = await p.models.upload(account.id, denseModel());
  const submit = (n: number, overrides: Partial<JobRequest> = {}): Promise<Job> =>
    p.jobs.submit(account.id, { model: model.hash, inputs: jobInputs(n), minClass: 'A100-80GB', deadlineMs: 60_000, maxPrice: 10n ** 12n, verification: 'spot', ...overrides });
  return { account, model, submit, credit };
}

/** Waits until every job in `ids` is done or failed. */
export async function settled(jobs: Jobs, ids: readonly string[], timeoutMs = 30_000): Promise<Job[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const all = await Promise.all(ids.map((id) => jobs.get(id)));
    if (all.every((j) => j.state === 'done' || j.state === 'failed')) return all;
    if (Date.now() > until) throw new Error(`jobs still open after ${timeoutMs} ms: ${all.filter((j) => j.state !== 'done' && j.state !== 'failed').map((j) => `${j.id}:${j.state}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sums and counts the tests check the books with. */
export async function books(db: Database) {
  const n = async (sql: string, params: string[] = []) => big((await db.all(sql, params))[0]!.n);
  return {
    charges: await n("SELECT COUNT(*) AS n FROM credit_entries WHERE kind = 'charge'"),
    charged: await n("SELECT COALESCE(SUM(amount), 0) AS n FROM credit_entries WHERE kind = 'charge'"),
    releases: await n("SELECT COUNT(*) AS n FROM credit_entries WHERE kind = 'release'"),
    held: await n("SELECT COUNT(*) AS n FROM holds WHERE state = 'held'"),
    jobRevenue: await n("SELECT COALESCE(SUM(amount), 0) AS n FROM revenue_outbox WHERE source = 'gateway-job'"),
    jobRevenueEntries: await n("SELECT COUNT(*) AS n FROM revenue_outbox WHERE source = 'gateway-job'"),
    bondRevenue: await n("SELECT COALESCE(SUM(amount), 0) AS n FROM revenue_outbox WHERE source = 'gateway-bond'"),
    done: await n("SELECT COUNT(*) AS n FROM jobs WHERE state = 'done'"),
    results: await n('SELECT COUNT(*) AS n FROM job_results'),
  };
}
