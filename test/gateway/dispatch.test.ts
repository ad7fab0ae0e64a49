import { big } from '../../src/gateway/db/database';
import { JobStateError } from '../../src/gateway/errors';
import { outputsDiffer } from '../../src/gateway/dispatch/compare-outputs';
import { verifyGatewayReceipt, type GatewayReceipt } from '../../src/gateway/dispatch/gateway-receipt';
import { decodeTensors } from '../../src/gateway/jobs/tensors';
import { supplierReputation } from '../../src/economy';
import { describeEachDatabase } from './support/databases';
import { runModel, seeded, testMiner } from './support/onnx-miners';
import { books, buyer, GATEWAY_KEY, pipelineOver, settled } from './support/pipeline';

jest.setTimeout(90_000);

/** The outputs a job delivered, checked against the model run locally on the job's inputs. */
async function deliveredCorrectly(p: ReturnType<typeof pipelineOver>, jobId: string): Promise<boolean> {
  const job = await p.jobs.get(jobId);
  const row = (await p.db.all('SELECT outputs FROM job_results WHERE job_id = ?', [jobId]))[0]!;
  const reference = await runModel(job.model, async () => Buffer.from(await p.models.data(job.model)), await p.jobs.inputs(jobId));
  return outputsDiffer(decodeTensors(Buffer.from(row.outputs as Uint8Array)), reference) === null;
}

async function outcomesOf(p: ReturnType<typeof pipelineOver>, miner: string): Promise<boolean[]> {
  return (await p.outcomes.history([miner], 1000)).get(miner)!;
}

describeEachDatabase('the job pipeline', (open, reopen) => {
  test('redundant: every job runs on two miners; a cheater (wrong outputs 1 run in 5) never reaches the buyer, fails validation and forfeits its bond', async () => {
    const honestA = testMiner('//HonestA');
    const honestB = testMiner('//HonestB');
    const cheater = testMiner('//Cheater', { kind: 'cheat', every: 5 });
    const miners = [honestA, honestB, cheater];
    // Bonds at 0.5 × price; a miner without collateral is not routed at all.
    const p = pipelineOver(await open(), { miners: [...miners, testMiner('//Unbonded')], bondModulationPpm: 500_000n, dispatcher: { minHistory: 1000 } });
    for (const m of miners) await p.bonds.deposit(m.pair.address, 10n ** 9n, `bond:${m.pair.address}`);
    const b = await buyer(p);
    const ids: string[] = [];
    for (let n = 0; n < 15; n++) ids.push((await b.submit(n, { verification: 'redundant' })).id);
    await p.dispatcher.start();
    const jobs = await settled(p.jobs, ids).finally(() => p.dispatcher.stop());

    expect(jobs.map((j) => j.state)).toEqual(ids.map(() => 'done'));
    for (const id of ids) expect(await deliveredCorrectly(p, id)).toBe(true);
    expect(cheater.cheats).toBeGreaterThan(0);
    const cheaterOutcomes = await outcomesOf(p, cheater.pair.address);
    expect(cheaterOutcomes.filter((v) => !v)).toHaveLength(cheater.cheats);
    expect(await outcomesOf(p, honestA.pair.address)).not.toContain(false);
    expect(await outcomesOf(p, honestB.pair.address)).not.toContain(false);
    expect(await p.db.all("SELECT job_id FROM job_runs WHERE miner = ?", [keyOf('//Unbonded')])).toEqual([]);

    const price = jobs[0]!.price;
    const bond = price / 2n;
    expect(await p.bonds.balance(cheater.pair.address)).toEqual({ miner: cheater.pair.address, available: 10n ** 9n - bond * BigInt(cheater.cheats), locked: 0n, forfeited: bond * BigInt(cheater.cheats) });
    expect(await p.bonds.balance(honestA.pair.address)).toMatchObject({ available: 10n ** 9n, locked: 0n, forfeited: 0n });
    const k = await books(p.db);
    expect(k).toMatchObject({ charges: 15n, held: 0n, done: 15n, results: 15n, jobRevenueEntries: 15n, bondRevenue: bond * BigInt(cheater.cheats) });
    expect(k.charged).toBe(jobs.reduce((s, j) => s + j.price, 0n));
    expect(k.jobRevenue).toBe(k.charged);
    expect(await p.book.audit(b.account.id)).toMatchObject({ balanced: true, charged: k.charged });

    const receipt = JSON.parse(String((await p.db.all('SELECT receipt FROM job_results WHERE job_id = ?', [ids[0]!]))[0]!.receipt)) as GatewayReceipt;
    expect(verifyGatewayReceipt(receipt, GATEWAY_KEY.address)).toBe(true);
    expect(receipt).toMatchObject({ jobId: ids[0], checked: true, verification: 'redundant', price: price.toString() });
    expect(receipt.runs.filter((r) => r.agreed).length).toBeGreaterThanOrEqual(2);
    expect(verifyGatewayReceipt({ ...receipt, price: '1' }, GATEWAY_KEY.address)).toBe(false);
  });

  test("spot: sampled jobs and a new miner's first jobs are checked; the cheater's reputation drops it out of routing", async () => {
    const miners = [testMiner('//SpotA'), testMiner('//SpotB'), testMiner('//SpotCheat', { kind: 'cheat', every: 5 })];
    const cheater = miners[2]!;
    const p = pipelineOver(await open(), { miners, dispatcher: { spotFraction: 0.5, random: seeded(7), maxConcurrentJobs: 3, maxPerMiner: 1, minHistory: 3, minReputation: 0.95 } });
    const b = await buyer(p);
    const ids: string[] = [];
    for (let n = 0; n < 60; n++) ids.push((await b.submit(n, { verification: 'spot' })).id);
    await p.dispatcher.start();
    const jobs = await settled(p.jobs, ids, 60_000).finally(() => p.dispatcher.stop());

    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    const history = await outcomesOf(p, cheater.pair.address);
    expect(history).toContain(false);
    expect(supplierReputation(history, 50)).toBeLessThan(0.95);
    for (const honest of miners.slice(0, 2)) expect(await outcomesOf(p, honest.pair.address)).not.toContain(false);
    // Once caught, it gets nothing more: only runs picked before its failed validation was recorded (at most one per job slot) start after it.
    const caught = big((await p.db.all('SELECT MIN(created_ms) AS t FROM miner_outcomes WHERE miner = ? AND validated = 0', [cheater.pair.address]))[0]!.t);
    const later = async (miner: string) => (await p.db.all('SELECT job_id FROM job_runs WHERE miner = ? AND started_ms > ?', [miner, caught])).length;
    expect(await later(cheater.pair.address)).toBeLessThanOrEqual(3);
    expect((await later(miners[0]!.pair.address)) + (await later(miners[1]!.pair.address))).toBeGreaterThanOrEqual(5);
    // A new miner's first jobs are all checked: every miner has at least the probation's outcomes.
    for (const m of miners) expect((await outcomesOf(p, m.pair.address)).length).toBeGreaterThanOrEqual(3);
    // Checked jobs delivered only agreeing outputs.
    const checked = await p.db.all('SELECT id FROM jobs WHERE required_agreement = 2');
    for (const r of checked) expect(await deliveredCorrectly(p, String(r.id))).toBe(true);
    expect(await p.book.audit(b.account.id)).toMatchObject({ balanced: true });
  });

  test('retries: a hanging miner times out and a busy one refuses, and another miner delivers; a refusal for good fails the job and refunds it', async () => {
    const hang = testMiner('//Hangs', { kind: 'hang' });
    const busy = testMiner('//Busy', { kind: 'refuse', retryable: true });
    const honest = testMiner('//Delivers');
    const p = pipelineOver(await open(), { miners: [hang, busy, honest], dispatcher: { runTimeoutMs: 300, spotFraction: 0 } });
    const b = await buyer(p);
    const job = await b.submit(1, { verification: 'none' });
    await p.dispatcher.start();
    const [done] = await settled(p.jobs, [job.id]).finally(() => p.dispatcher.stop());
    expect(done).toMatchObject({ state: 'done' });
    const runs = await p.runs.of(job.id);
    expect(runs.find((r) => r.miner === honest.pair.address)?.state).toBe('ok');
    expect(runs.filter((r) => r.state === 'error').map((r) => r.error).join(' | ')).toMatch(/did not answer within 300 ms|refuses/);
    expect(await deliveredCorrectly(p, job.id)).toBe(true);

    const q = pipelineOver(await open(), { miners: [testMiner('//RefusesForGood', { kind: 'refuse', retryable: false })] });
    const c = await buyer(q);
    const refused = await c.submit(2, { verification: 'none' });
    await q.dispatcher.start();
    const [failed] = await settled(q.jobs, [refused.id]).finally(() => q.dispatcher.stop());
    expect(failed).toMatchObject({ state: 'failed', reason: expect.stringMatching(/refused the job for good/) });
    expect(await q.runs.of(refused.id)).toHaveLength(1);
    expect(await q.accounts.get(c.account.id)).toMatchObject({ available: c.credit, held: 0n });
    expect(await books(q.db)).toMatchObject({ charges: 0n, jobRevenueEntries: 0n });
  });

  test('a busy miner is asked again: a redundant job over exactly two miners, one of them busy at first, is delivered by both', async () => {
    const busyFirst = testMiner('//BusyAtFirst', { kind: 'busyFirst', times: 2 });
    const honest = testMiner('//AlwaysFree');
    const p = pipelineOver(await open(), { miners: [busyFirst, honest], dispatcher: { spotFraction: 0 } });
    const b = await buyer(p);
    const job = await b.submit(7, { verification: 'redundant' });
    await p.dispatcher.start();
    const [done] = await settled(p.jobs, [job.id]).finally(() => p.dispatcher.stop());
    expect(done).toMatchObject({ state: 'done' });
    const runs = await p.runs.of(job.id);
    expect(runs.map((r) => [r.miner, r.state]).sort()).toEqual([[busyFirst.pair.address, 'ok'], [honest.pair.address, 'ok']].sort());
    expect(busyFirst.runs).toBe(3); // two busy answers, then the run
    expect(await deliveredCorrectly(p, job.id)).toBe(true);
  });

  test('a job past its deadline fails with "deadline" and is refunded; nothing is charged or written as revenue', async () => {
    const p = pipelineOver(await open(), { miners: [testMiner('//OnlyHangs', { kind: 'hang' })] });
    const b = await buyer(p);
    const job = await b.submit(3, { deadlineMs: 1_500, verification: 'none' });
    await p.dispatcher.start();
    const [failed] = await settled(p.jobs, [job.id], 10_000).finally(() => p.dispatcher.stop());
    expect(failed).toMatchObject({ state: 'failed', reason: 'deadline' });
    expect(await p.accounts.get(b.account.id)).toMatchObject({ available: b.credit, held: 0n });
    expect(await books(p.db)).toMatchObject({ charges: 0n, releases: 1n, jobRevenueEntries: 0n, results: 0n });
  });

  test('a crash mid-pipeline (the database closed under a running dispatcher), then a new one: every job ends settled or refunded, none charged or written as revenue twice', async () => {
    const miners = [testMiner('//CrashA'), testMiner('//CrashB'), testMiner('//CrashC')];
    const db = await open();
    const p = pipelineOver(db, { miners, delayMs: 80, dispatcher: { maxPerMiner: 2 } });
    const b = await buyer(p);
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push((await b.submit(n, { verification: n % 2 === 0 ? 'redundant' : 'spot' })).id);
    await p.dispatcher.start();
    // Let some jobs finish and others be mid-run, then pull the database away.
    for (let i = 0; i < 500 && (await books(db)).done < 3n; i++) await new Promise((r) => setTimeout(r, 10));
    const open1 = await db.all("SELECT id FROM jobs WHERE state IN ('assigned', 'running')");
    await db.close();
    await p.dispatcher.stop();
    expect(open1.length).toBeGreaterThan(0);

    const db2 = await reopen(db);
    const after = pipelineOver(db2, { miners, dispatcher: { maxPerMiner: 2 } });
    // The crash left runs that nobody awaits any more.
    expect((await db2.all("SELECT job_id FROM job_runs WHERE state = 'running'")).length).toBeGreaterThan(0);
    await after.dispatcher.start();
    const jobs = await settled(after.jobs, ids).finally(() => after.dispatcher.stop());

    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    const k = await books(db2);
    expect(k).toMatchObject({ charges: 12n, held: 0n, results: 12n, jobRevenueEntries: 12n, releases: 0n });
    expect(k.jobRevenue).toBe(k.charged);
    expect(k.charged).toBe(jobs.reduce((s, j) => s + j.price, 0n));
    expect(await after.book.audit(b.account.id)).toMatchObject({ balanced: true, charged: k.charged });
    // Settling a delivered job again changes nothing.
    await expect(after.jobs.complete(ids[0]!)).rejects.toBeInstanceOf(JobStateError);
    expect((await books(db2)).charges).toBe(12n);
  });

  test("another gateway's lapsed lease: its job is requeued and delivered; a live lease is left alone", async () => {
    const miners = [testMiner('//LeaseA')];
    const p = pipelineOver(await open(), { miners, dispatcher: { owner: 'gw-alive', spotFraction: 0, probationJobs: 0 } });
    const b = await buyer(p);
    const lapsed = await b.submit(4, { verification: 'none' });
    const live = await b.submit(5, { verification: 'none' });
    await p.jobs.assign(lapsed.id, miners[0]!.pair.address, { owner: 'gw-dead', untilMs: BigInt(Date.now() - 1) });
    await p.jobs.assign(live.id, miners[0]!.pair.address, { owner: 'gw-other', untilMs: BigInt(Date.now() + 60_000) });
    await p.dispatcher.start();
    await settled(p.jobs, [lapsed.id]).finally(() => p.dispatcher.stop());
    expect((await p.jobs.get(lapsed.id)).state).toBe('done');
    expect(await p.jobs.get(live.id)).toMatchObject({ state: 'assigned', owner: 'gw-other' });
  });

  test('a settlement that fails part-way leaves nothing: the job stays running with its credit held', async () => {
    const p = pipelineOver(await open(), { miners: [] });
    const b = await buyer(p);
    const job = await b.submit(6, { verification: 'none' });
    await p.jobs.assign(job.id, 'miner');
    await p.jobs.running(job.id);
    await expect(
      p.jobs.complete(job.id, async (tx) => {
        await p.revenue.addIn(tx, `job-${job.id}`, job.price, 'gateway-job');
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await p.jobs.get(job.id)).toMatchObject({ state: 'running' });
    expect(await p.accounts.get(b.account.id)).toMatchObject({ held: job.price });
    expect(await books(p.db)).toMatchObject({ charges: 0n, jobRevenueEntries: 0n });
  });
});

function keyOf(uri: string): string {
  return testMiner(uri).pair.address;
}
