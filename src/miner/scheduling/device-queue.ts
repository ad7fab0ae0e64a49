import { performance } from 'node:perf_hooks';
import { DeviceBusyError, MinerStoppingError, QueueAbortedError } from '../errors';

/** Held while a challenge has the device; release() hands it to the next in the queue (idempotent). */
export interface DeviceSlot {
  /** Milliseconds spent waiting in the queue (0 when the device was free). */
  readonly waitedMs: number;
  release(): void;
}

export interface AcquireOptions {
  /** Higher goes first (the requesting validator's stake, in rao); ties keep arrival order. */
  readonly priority: bigint;
  /** Aborting it while queued withdraws the request (the promise rejects with QueueAbortedError). */
  readonly signal?: AbortSignal;
}

/** The queue's state after every change, for the queue-depth gauge. */
export interface DeviceQueueState {
  readonly busy: boolean;
  readonly queued: number;
}

interface Waiter {
  readonly priority: bigint;
  readonly seq: number;
  readonly enqueuedAt: number;
  grant(slot: DeviceSlot): void;
  reject(error: Error): void;
}

/** Priority for a sender whose stake is unknown (an allowlisted hotkey outside the metagraph): after everyone else. */
export const UNKNOWN_STAKE_PRIORITY = -1n;

/**
 * One challenge per device at a time. Others wait in a bounded queue ordered by priority
 * (validator stake), then by arrival; when `maxQueued` are already waiting, acquire() throws
 * DeviceBusyError at once, so a flood of requests never holds memory or sockets for long.
 */
export class DeviceQueue {
  private running = false;
  private readonly waiting: Waiter[] = [];
  private seq = 0;
  private closedReason: string | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly maxQueued: number,
    private readonly onChange: (state: DeviceQueueState) => void = () => undefined,
  ) {
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError('maxQueued must be a non-negative integer');
  }

  get busy(): boolean {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves with the device once it is this request's turn. Throws DeviceBusyError at once
   * when the queue is full, MinerStoppingError after close(), and QueueAbortedError when
   * `signal` aborts first.
   */
  acquire(options: AcquireOptions): Promise<DeviceSlot> {
    if (this.closedReason !== undefined) return Promise.reject(new MinerStoppingError(this.closedReason));
    if (options.signal?.aborted) return Promise.reject(new QueueAbortedError('the request was withdrawn before it was queued'));
    if (!this.running) {
      this.running = true;
      this.changed();
      return Promise.resolve(this.slot(0));
    }
    if (this.waiting.length >= this.maxQueued) {
      return Promise.reject(new DeviceBusyError(`the device is busy and ${this.waiting.length} request(s) are already queued`, { queued: this.waiting.length, maxQueued: this.maxQueued }));
    }
    return new Promise<DeviceSlot>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        const i = this.waiting.indexOf(waiter);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        this.changed();
        reject(new QueueAbortedError('the request was withdrawn while queued'));
      };
      const waiter: Waiter = {
        priority: options.priority,
        seq: this.seq++,
        enqueuedAt: performance.now(),
        grant: (slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(waiter);
      this.changed();
    });
  }

  /** Rejects everything queued with MinerStoppingError and refuses new requests; the running one keeps its slot. */
  close(reason = 'the miner is stopping'): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    const waiting = this.waiting.splice(0);
    for (const w of waiting) w.reject(new MinerStoppingError(reason));
    this.changed();
  }

  /** Resolves once no challenge holds the device. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private insert(waiter: Waiter): void {
    // Small queues: a linear scan from the back keeps equal priorities in arrival order.
    let i = this.waiting.length;
    while (i > 0 && this.waiting[i - 1]!.priority < waiter.priority) i--;
    this.waiting.splice(i, 0, waiter);
  }

  private slot(waitedMs: number): DeviceSlot {
    let released = false;
    return {
      waitedMs,
      release: () => {
        if (released) return;
        released = true;
        this.next();
      },
    };
  }

  private next(): void {
    const waiter = this.waiting.shift();
    if (waiter) {
      this.changed();
      waiter.grant(this.slot(performance.now() - waiter.enqueuedAt));
      return;
    }
    this.running = false;
    this.changed();
    const idle = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of idle) resolve();
  }

  private changed(): void {
    this.onChange({ busy: this.running, queued: this.waiting.length });
  }
}
