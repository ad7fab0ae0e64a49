import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../src/economy';
import { outputsDiffer, groupAgreeing } from '../../src/gateway/dispatch/compare-outputs';
import type { Tensor } from '../../src/gateway/jobs/tensors';
import { RevenueOutbox } from '../../src/gateway/settlement/revenue-outbox';
import { describeEachDatabase } from './support/databases';
import { buyer, pipelineOver } from './support/pipeline';

describeEachDatabase('revenue to the buyback ledger', (open) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-gw-ledger-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('each entry reaches the ledger once under its id, also when a crash lost the "exported" mark; a locked ledger is retried later', async () => {
    const db = await open();
    const outbox = new RevenueOutbox(db);
    await db.transaction(async (tx) => {
      expect(await outbox.addIn(tx, 'job-job_a', 1_500_000_000n, 'gateway-job')).toBe(true);
      expect(await outbox.addIn(tx, 'job-job_a', 1_500_000_000n, 'gateway-job')).toBe(false);
      await outbox.addIn(tx, 'job-job_b', 7n, 'gateway-job');
    });
    expect(await outbox.exportTo(dir)).toEqual({ added: 2, alreadyThere: 0, locked: false });
    expect(await outbox.exportTo(dir)).toEqual({ added: 0, alreadyThere: 0, locked: false });
    await db.run('UPDATE revenue_outbox SET exported_ms = NULL'); // the crash: written, not marked
    expect(await outbox.exportTo(dir)).toEqual({ added: 0, alreadyThere: 2, locked: false });
    const ledger = Ledger.open(dir, { readOnly: true });
    expect([...ledger.state.revenues.values()].map((r) => [r.id, r.taoRao, r.source])).toEqual([
      ['job-job_a', 1_500_000_000n, 'gateway-job'],
      ['job-job_b', 7n, 'gateway-job'],
    ]);
    ledger.close();

    const holder = Ledger.open(dir); // a buyback running
    await db.transaction((tx) => outbox.addIn(tx, 'job-job_c', 9n, 'gateway-job'));
    expect(await outbox.exportTo(dir)).toMatchObject({ locked: true, added: 0 });
    holder.close();
    expect(await outbox.exportTo(dir)).toMatchObject({ locked: false, added: 1 });
  });

  test('bonds: a deposit counts once per ref; a lock needs enough collateral; a forfeit becomes revenue once', async () => {
    const p = pipelineOver(await open(), { miners: [], bondModulationPpm: 250_000n });
    const b = await buyer(p);
    const job = await b.submit(1, { verification: 'none' });
    const miner = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    expect(await p.bonds.lock(job.id, miner, 400n)).toBe(false);
    expect(await p.bonds.deposit(miner, 150n, 'tx:1')).toBe(true);
    expect(await p.bonds.deposit(miner, 150n, 'tx:1')).toBe(false);
    expect(await p.bonds.canCover(miner, 400n)).toBe(true);
    expect(await p.bonds.canCover(miner, 800n)).toBe(false);
    expect(await p.bonds.lock(job.id, miner, 400n)).toBe(true);
    expect(await p.bonds.balance(miner)).toMatchObject({ available: 50n, locked: 100n });
    await p.db.transaction((tx) => p.bonds.settleIn(tx, job.id, miner, false));
    await p.db.transaction((tx) => p.bonds.settleIn(tx, job.id, miner, false));
    expect(await p.bonds.balance(miner)).toMatchObject({ available: 50n, locked: 0n, forfeited: 100n });
    expect(await p.db.all('SELECT id, amount FROM revenue_outbox')).toEqual([{ id: `bond-${job.id}-${miner}`, amount: 100n }]);
  });
});

const f32 = (name: string, values: number[], dims = [values.length]): Tensor => ({ name, type: 'float32', dims, data: Buffer.from(new Float32Array(values).buffer) });

describe('output comparison', () => {
  test('floats agree within rtol/atol, ints and bools must match exactly, shapes and names must match', () => {
    expect(outputsDiffer([f32('Y', [1, 2, 3])], [f32('Y', [1.0005, 2, 3])])).toBeNull();
    expect(outputsDiffer([f32('Y', [1, 2, 3])], [f32('Y', [1.01, 2, 3])])).toMatch(/element 0/);
    expect(outputsDiffer([f32('Y', [0, 0])], [f32('Y', [5e-6, 0])])).toBeNull();
    expect(outputsDiffer([f32('Y', [Number.NaN])], [f32('Y', [Number.NaN])])).toBeNull();
    expect(outputsDiffer([f32('Y', [Number.NaN])], [f32('Y', [0])])).not.toBeNull();
    expect(outputsDiffer([f32('Y', [1, 2])], [f32('Y', [1, 2], [2, 1])])).toMatch(/shape/);
    expect(outputsDiffer([f32('Y', [1])], [f32('Z', [1])])).toMatch(/missing/);
    const i64 = (v: bigint): Tensor => ({ name: 'I', type: 'int64', dims: [1], data: Buffer.from(new BigInt64Array([v]).buffer) });
    expect(outputsDiffer([i64(5n)], [i64(5n)])).toBeNull();
    expect(outputsDiffer([i64(5n)], [i64(6n)])).toMatch(/exact match/);
    const half = (bits: number): Tensor => ({ name: 'H', type: 'float16', dims: [1], data: Buffer.from(Uint16Array.of(bits).buffer) });
    expect(outputsDiffer([half(0x3c00)], [half(0x3c01)])).toBeNull(); // 1.0 vs 1.00098
    expect(outputsDiffer([half(0x3c00)], [half(0x4000)])).toMatch(/element 0/); // 1.0 vs 2.0
  });

  test('groups runs by agreement, the first member of a group being its reference', () => {
    const runs = [{ id: 'a', outputs: [f32('Y', [1])] }, { id: 'cheat', outputs: [f32('Y', [2])] }, { id: 'b', outputs: [f32('Y', [1.0001])] }];
    expect(groupAgreeing(runs).map((g) => g.map((r) => r.id))).toEqual([['a', 'b'], ['cheat']]);
  });
});
