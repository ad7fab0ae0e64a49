import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../src/economy';
import { CreditBook } from '../../src/gateway/credits/credit-book';
import { openDatabase } from '../../src/gateway/db/open-database';
import { sha256Hex } from '../../src/gateway/models/model-store';
import { signatureHeader } from '../../src/gateway/payments/webhook-signature';
import { RevenueOutbox } from '../../src/gateway/settlement/revenue-outbox';
import { denseModel } from './support/models';
import { books, jobInputs } from './support/pipeline';

// The child gateway, compiled (`npm test` builds first, as for test/gateway/gateway-cli.test.ts).
const CHILD = join(__dirname, '../../dist/test/gateway/support/gateway-child.js');
jest.setTimeout(120_000);

describe('kill -9 of the gateway process while jobs run', () => {
  let dir: string;
  let child: ChildProcess | null = null;
  beforeAll(() => {
    if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing: run \`npm run build\` first`);
    dir = mkdtempSync(join(tmpdir(), 'pog-gw-kill-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () =>
    new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, [CHILD], { env: { ...process.env, POG_TEST_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      let out = '';
      let err = '';
      c.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      c.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      c.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before listening: ${err.slice(0, 500)}`)));
    });
  const kill9 = async () => {
    const c = child!;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  };

  test('three kills at random moments, then a restart: every job settled or refunded, charged and written as revenue once, and the ledger holds exactly that revenue', async () => {
    let url = await start();
    const call = async (method: string, path: string, token: string, body?: string | Uint8Array, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body) });
      return (await res.json()) as Record<string, any>;
    };
    const created = await call('POST', '/v1/accounts', 'kill-test-admin-token', JSON.stringify({ name: 'kill buyer' }));
    const key = created.apiKey as string;
    const event = JSON.stringify({ id: 'evt_kill', type: 'checkout.session.completed', data: { object: { amount_total: 1000, currency: 'usd', client_reference_id: created.account.id } } });
    expect((await call('POST', '/v1/payments/webhook', '', event, { 'stripe-signature': signatureHeader('whsec_kill_test', event) })).outcome).toBe('credited');
    await call('POST', '/v1/models', key, denseModel());
    const ids: string[] = [];
    for (let n = 0; n < 24; n++) {
      const body = JSON.stringify({ model: sha256Hex(denseModel()), inputs: jobInputs(n), minClass: 'A100-80GB', deadlineMs: 90_000, maxPrice: '1000000000', verification: n % 3 === 0 ? 'redundant' : 'spot' });
      ids.push((await call('POST', '/v1/jobs', key, body, { 'content-type': 'application/json' })).job.id as string);
    }
    const openAtKill: number[] = [];
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 400)));
      openAtKill.push((await Promise.all(ids.map(async (id) => (await call('GET', `/v1/jobs/${id}`, key)).job.state as string))).filter((s) => s !== 'done' && s !== 'failed').length);
      await kill9();
      url = await start();
    }
    for (let i = 0; ; i++) {
      const states = await Promise.all(ids.map(async (id) => (await call('GET', `/v1/jobs/${id}`, key)).job.state as string));
      if (states.every((s) => s === 'done' || s === 'failed')) break;
      if (i > 3000) throw new Error(`jobs still open: ${states.join(',')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(openAtKill[0]).toBeGreaterThan(0); // the first kill lands while jobs run
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    child = null;

    const db = await openDatabase({ dataDir: dir });
    try {
      const outbox = new RevenueOutbox(db);
      await outbox.exportTo(join(dir, 'ledger'));
      const k = await books(db);
      const done = (await db.all("SELECT id, price FROM jobs WHERE state = 'done'")).map((r) => String(r.id));
      expect(k.done + BigInt((await db.all("SELECT id FROM jobs WHERE state = 'failed'")).length)).toBe(24n);
      expect(k).toMatchObject({ charges: k.done, held: 0n, results: k.done, jobRevenueEntries: k.done });
      expect(k.jobRevenue).toBe(k.charged);
      expect(await new CreditBook(db).audit(created.account.id)).toMatchObject({ balanced: true, charged: k.charged });
      const ledger = Ledger.open(join(dir, 'ledger'), { readOnly: true });
      const revenues = [...ledger.state.revenues.values()];
      ledger.close();
      expect(revenues.map((r) => r.id).sort()).toEqual(done.map((id) => `job-${id}`).sort());
      expect(revenues.reduce((s, r) => s + BigInt(r.taoRao), 0n)).toBe(k.charged);
    } finally {
      await db.close();
    }
  });
});
