import { DeviceBusyError, DeviceQueue, MinerStoppingError, QueueAbortedError, type DeviceQueueState } from '../../src/miner';

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
