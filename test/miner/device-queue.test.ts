import { DeviceBusyError, DeviceQueue, MinerStoppingError, QueueAbortedError, type DeviceQueueState } from '../../src/miner';
import { MAX_UNOPENED_CHALLENGES } from '../../src/pog';

const settled = () => new Promise((r) => setImmediate(r));

describe('DeviceQueue', () => {
  it('gives a free device at once and hands it on at release, in priority order then arrival', async () => {
    const q = new DeviceQueue(4);
    const first = await q.acquire({ priority: 0n });
    expect(first.waitedMs).toBe(0);
    const order: string[] = [];
    const wait = (name: string, priority: bigint) => q.acquire({ priority }).then((slot) => (order.push(name), slot));
    const low = wait('low', 1n);
    const highA = wait('highA', 100n);
    const mid = wait('mid', 50n);
    const highB = wait('highB', 100n);
    expect(q.queued).toBe(4);
    first.release();
    first.release(); // idempotent: hands on only once
    (await highA).release();
    (await highB).release();
    (await mid).release();
    (await low).release();
    expect(order).toEqual(['highA', 'highB', 'mid', 'low']);
    expect(q.busy).toBe(false);
  });

  it('refuses at once with DeviceBusyError when maxQueued are already waiting', async () => {
    const q = new DeviceQueue(1);
    const slot = await q.acquire({ priority: 0n });
    const queued = q.acquire({ priority: 0n });
    await expect(q.acquire({ priority: 10n ** 18n })).rejects.toBeInstanceOf(DeviceBusyError);
    slot.release();
    (await queued).release();
    const zero = new DeviceQueue(0);
    const only = await zero.acquire({ priority: 0n });
    await expect(zero.acquire({ priority: 0n })).rejects.toBeInstanceOf(DeviceBusyError);
    only.release();
  });

  it('drops a queued request whose signal aborts, without disturbing the others', async () => {
    const q = new DeviceQueue(3);
    const slot = await q.acquire({ priority: 0n });
    const controller = new AbortController();
    const gone = q.acquire({ priority: 5n, signal: controller.signal });
    const stays = q.acquire({ priority: 1n });
    controller.abort();
    await expect(gone).rejects.toBeInstanceOf(QueueAbortedError);
    expect(q.queued).toBe(1);
    slot.release();
    (await stays).release();
    const aborted = new AbortController();
    aborted.abort();
    await expect(q.acquire({ priority: 0n, signal: aborted.signal })).rejects.toBeInstanceOf(QueueAbortedError);
  });

  it('close() refuses everything queued and anything new; idle() waits for the holder', async () => {
    const q = new DeviceQueue(2);
    const slot = await q.acquire({ priority: 0n });
    const waiting = q.acquire({ priority: 0n });
    q.close('stopping');
    await expect(waiting).rejects.toBeInstanceOf(MinerStoppingError);
    await expect(q.acquire({ priority: 0n })).rejects.toBeInstanceOf(MinerStoppingError);
    let idle = false;
    const done = q.idle().then(() => (idle = true));
    await settled();
    expect(idle).toBe(false);
    slot.release();
    await done;
    expect(q.busy).toBe(false);
  });

  it('reports every change for the queue-depth gauge and measures waiting', async () => {
    const states: DeviceQueueState[] = [];
    const q = new DeviceQueue(2, (s) => states.push(s));
    const a = await q.acquire({ priority: 0n });
    const b = q.acquire({ priority: 0n });
    await new Promise((r) => setTimeout(r, 20));
    a.release();
    const slotB = await b;
    expect(slotB.waitedMs).toBeGreaterThanOrEqual(15);
    slotB.release();
    expect(states).toEqual([
      { busy: true, queued: 0 },
      { busy: true, queued: 1 },
      { busy: true, queued: 0 },
      { busy: false, queued: 0 },
    ]);
  });
});

describe('DeviceQueue shares between validators', () => {
  const run = (q: DeviceQueue, owner: string, priority: bigint, log: string[]) =>
    q.acquire({ owner, priority }).then((slot) => {
      log.push(owner);
      return slot;
    });

  it('one running and three waiting per validator by default (what a validator keeps unopened); a fifth from the same validator is busy, others are not', async () => {
    const q = new DeviceQueue(8);
    const a1 = await q.acquire({ owner: 'A', priority: 10n });
    const waitingA = [q.acquire({ owner: 'A', priority: 10n }), q.acquire({ owner: 'A', priority: 10n }), q.acquire({ owner: 'A', priority: 10n })];
    await expect(q.acquire({ owner: 'A', priority: 10n })).rejects.toMatchObject({ details: { held: MAX_UNOPENED_CHALLENGES, perValidator: MAX_UNOPENED_CHALLENGES } });
    const b1 = q.acquire({ owner: 'B', priority: 1n });
    expect(q.heldBy('A')).toBe(4);
    expect(q.heldBy('B')).toBe(1);
    a1.release();
    // B has not had the device this cycle, so it goes before A's second.
    (await b1).release();
    for (const a of waitingA) (await a).release();
    expect(q.heldBy('A')).toBe(0);
    const narrow = new DeviceQueue(8, undefined, 2);
    const slots = [await narrow.acquire({ owner: 'A', priority: 0n }), narrow.acquire({ owner: 'A', priority: 0n })];
    await expect(narrow.acquire({ owner: 'A', priority: 0n })).rejects.toBeInstanceOf(DeviceBusyError);
    for (const s of slots) (await s).release();
  });

  it('goes round the validators with work in stake order: a high-stake validator that always has one queued cannot starve the others', async () => {
    const q = new DeviceQueue(8, undefined, 3);
    const log: string[] = [];
    let current = await q.acquire({ owner: 'rich', priority: 1000n });
    const wait = (owner: string, priority: bigint) => void q.acquire({ owner, priority }).then((slot) => (log.push(owner), (current = slot)));
    wait('rich', 1000n);
    wait('rich', 1000n);
    wait('poor', 1n);
    wait('mid', 50n);
    wait('poor', 1n);
    for (let i = 0; i < 5; i++) {
      current.release();
      await settled();
    }
    current.release();
    expect(q.busy).toBe(false);
    // rich had the device (cycle 1), so mid and poor go next; then a new cycle, in stake order.
    expect(log).toEqual(['mid', 'poor', 'rich', 'poor', 'rich']);
  });

  it('a full queue makes the largest holder give way to a validator with nothing queued', async () => {
    const q = new DeviceQueue(2, undefined, 3);
    const running = await q.acquire({ owner: 'A', priority: 0n });
    const a2 = q.acquire({ owner: 'A', priority: 0n });
    const a3 = q.acquire({ owner: 'A', priority: 0n });
    const b = q.acquire({ owner: 'B', priority: 0n });
    await expect(a3).rejects.toMatchObject({ message: expect.stringContaining('gave way') });
    expect(q.heldBy('B')).toBe(1);
    // C holds nothing, A still two (one running): A's waiting one gives way too.
    const c = q.acquire({ owner: 'C', priority: 0n });
    await expect(a2).rejects.toBeInstanceOf(DeviceBusyError);
    // Now everyone holds one: D, holding nothing, displaces no one and is refused.
    await expect(q.acquire({ owner: 'D', priority: 0n })).rejects.toBeInstanceOf(DeviceBusyError);
    running.release();
    (await b).release();
    (await c).release();
    expect(q.busy).toBe(false);
  });
});
