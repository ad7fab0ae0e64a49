import { Accounts } from '../../src/gateway/accounts/accounts';
import { CreditBook } from '../../src/gateway/credits/credit-book';
import { InsufficientCreditError, InvalidRequestError, JobStateError, NotFoundError, PriceAboveMaximumError, TooManyOpenJobsError } from '../../src/gateway/errors';
import { meetsClass } from '../../src/gateway/jobs/gpu-class-order';
import { Jobs } from '../../src/gateway/jobs/jobs';
import { DEFAULT_PRICES } from '../../src/gateway/jobs/quote';
import { ModelStore } from '../../src/gateway/models/model-store';
import { denseModel } from './support/models';
import { describeEachDatabase } from './support/databases';

const floats = (n: number) => Buffer.from(new Float32Array(n).map((_, i) => i / 7).buffer).toString('base64');
const input = (batch: number) => [{ name: 'X', type: 'float32' as const, dims: [batch, 4], data: floats(batch * 4) }];

describeEachDatabase('jobs: submission holds credit, the end settles it', (open) => {
  async function setup(credit: bigint) {
    const db = await open();
    const accounts = new Accounts(db, (id) => `addr-${id}`);
    const book = new CreditBook(db);
    const models = new ModelStore(db);
    const jobs = new Jobs(db, book, models, DEFAULT_PRICES);
    const { account } = await accounts.create('job buyer');
    await db.transaction((tx) => book.credit(tx, account.id, 'deposit_tao', credit, 'tao:seed'));
    const { model } = await models.upload(account.id, denseModel());
    const submit = (overrides: Partial<Parameters<Jobs['submit']>[1]> = {}) =>
      jobs.submit(account.id, { model: model.hash, inputs: input(8), minClass: 'RTX-4090', deadlineMs: 60_000, maxPrice: 10n ** 12n, verification: 'spot', ...overrides });
    const jobCount = async () => (await db.all('SELECT id FROM jobs')).length;
    return { db, accounts, book, jobs, account, model, submit, jobCount };
  }

  test('a submitted job is queued with its price held; done charges it once, failed releases it', async () => {
    const s = await setup(10_000_000n);
    const a = await s.submit();
    expect(a).toMatchObject({ state: 'queued', attempts: 0, minClass: 'RTX-4090' });
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await s.accounts.get(s.account.id)).toMatchObject({ available: 10_000_000n - a.price, held: a.price });

    await s.jobs.assign(a.id, '5Fminer1');
    await s.jobs.running(a.id);
    expect(await s.jobs.complete(a.id)).toMatchObject({ state: 'done', miner: '5Fminer1', attempts: 1 });
    await expect(s.jobs.fail(a.id, 'late')).rejects.toBeInstanceOf(JobStateError);
    await expect(s.jobs.complete(a.id)).rejects.toBeInstanceOf(JobStateError);

    const b = await s.submit({ verification: 'redundant' });
    expect(b.price).toBe(2n * a.price);
    await s.jobs.assign(b.id, '5Fminer2');
    await s.jobs.requeue(b.id, 'miner timed out');
    await s.jobs.assign(b.id, '5Fminer3');
    expect(await s.jobs.fail(b.id, 'failed verification')).toMatchObject({ state: 'failed', reason: 'failed verification', attempts: 2 });
    expect(await s.accounts.get(s.account.id)).toMatchObject({ available: 10_000_000n - a.price, held: 0n });
    expect(await s.book.audit(s.account.id)).toMatchObject({ charged: a.price, balanced: true });
  });

  test('a job past its deadline fails with "deadline" and is refunded', async () => {
    const s = await setup(10_000_000n);
    const job = await s.submit({ deadlineMs: 1_000 });
    await s.jobs.assign(job.id, '5Fslow');
    expect(await s.jobs.expireOverdue(job.deadlineMs - 1n)).toHaveLength(0);
    const expired = await s.jobs.expireOverdue(job.deadlineMs + 1n);
    expect(expired.map((j) => [j.id, j.state, j.reason])).toEqual([[job.id, 'failed', 'deadline']]);
    expect(await s.accounts.get(s.account.id)).toMatchObject({ available: 10_000_000n, held: 0n });
  });

  test('insufficient credit, a price above the maximum, or bad tensors: a clear error and nothing changed', async () => {
    const s = await setup(50_000n); // below the per-job fee: no job is affordable
    const before = await s.accounts.get(s.account.id);
    await expect(s.submit()).rejects.toBeInstanceOf(InsufficientCreditError);
    await expect(s.submit({ maxPrice: 1n })).rejects.toBeInstanceOf(PriceAboveMaximumError);
    await expect(s.submit({ inputs: [{ name: 'X', type: 'float32', dims: [8, 4], data: floats(31) }] })).rejects.toThrow(/124 bytes of data; 8×4 float32 needs 128/);
    await expect(s.submit({ inputs: [{ name: 'X', type: 'int64', dims: [8, 4], data: floats(64) }] })).rejects.toThrow(/declares ONNX type 1/);
    await expect(s.submit({ inputs: [{ name: 'X', type: 'float32', dims: [8, 5], data: floats(40) }] })).rejects.toThrow(/fixes it at 4/);
    await expect(s.submit({ inputs: [...input(8), { name: 'Z', type: 'float32', dims: [1], data: floats(1) }] })).rejects.toThrow(/no input "Z"/);
    await expect(s.submit({ inputs: [{ name: 'X', type: 'float32', dims: [8, 4], data: '@@not base64@@' }] })).rejects.toThrow(/not base64/);
    await expect(s.submit({ inputs: [{ name: 'X', type: 'float32', dims: [1 << 23, 4], data: '' }] })).rejects.toThrow(/over the \d+ limit/);
    await expect(s.submit({ minClass: 'GTX-9999' })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(s.submit({ deadlineMs: 10 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(s.submit({ model: 'a'.repeat(64) })).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.jobCount()).toBe(0);
    expect(await s.accounts.get(s.account.id)).toEqual(before);
    expect(await s.db.all('SELECT ref FROM holds')).toEqual([]);
  });

  test('an account with its most open jobs gets a clear error and nothing is held; a settled job frees a place', async () => {
    const db = await open();
    const accounts = new Accounts(db, (id) => `addr-${id}`);
    const book = new CreditBook(db);
    const models = new ModelStore(db);
    const jobs = new Jobs(db, book, models, DEFAULT_PRICES, 2);
    const { account } = await accounts.create('busy buyer');
    await db.transaction((tx) => book.credit(tx, account.id, 'deposit_tao', 10_000_000n, 'tao:busy'));
    const { model } = await models.upload(account.id, denseModel());
    const submit = () => jobs.submit(account.id, { model: model.hash, inputs: input(8), minClass: 'RTX-4090', deadlineMs: 60_000, maxPrice: 10n ** 12n, verification: 'none' });
    const first = await submit();
    await submit();
    const before = await accounts.get(account.id);
    await expect(submit()).rejects.toBeInstanceOf(TooManyOpenJobsError);
    expect(await accounts.get(account.id)).toEqual(before);
    await jobs.fail(first.id, 'cancelled');
    await expect(submit()).resolves.toMatchObject({ state: 'queued' });
  });

  test("another account's job is not found", async () => {
    const s = await setup(10_000_000n);
    const job = await s.submit();
    const other = await s.accounts.create('someone else');
    await expect(s.jobs.getFor(other.account.id, job.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await s.jobs.getFor(s.account.id, job.id)).id).toBe(job.id);
  });
});

test('GPU classes order by datasheet strength', () => {
  expect(meetsClass('H100-SXM', 'RTX-4090')).toBe(true);
  expect(meetsClass('RTX-4090', 'H100-SXM')).toBe(false);
  expect(meetsClass('CPU', 'V100')).toBe(false);
  expect(meetsClass('CPU', 'CPU')).toBe(true);
  expect(meetsClass(null, 'CPU')).toBe(false);
  expect(meetsClass('made-up', 'CPU')).toBe(false);
});
