import { performance } from 'node:perf_hooks';
import { MAX_UNOPENED_CHALLENGES } from '../../pog';
import { DeviceBusyError, MinerStoppingError, QueueAbortedError } from '../errors';

/** Held while a challenge has the device; release() hands it to the next in the queue (idempotent). */
export interface DeviceSlot {
  /** Milliseconds spent waiting in the queue (0 when the device was free). */
  readonly waitedMs: number;
  release(): void;
}

export interface AcquireOptions {
  /** Who asks (the validator's hotkey): its share is counted under this key. Absent: a share of its own, for this request only. */
  readonly owner?: string;
  /** Within a cycle, higher goes first (the requesting validator's stake, in rao); ties keep arrival order. */
  readonly priority: bigint;
  /** Aborting it while queued withdraws the request (the promise rejects with QueueAbortedError). */
  readonly signal?: AbortSignal;
  /** Requests this owner may hold at once (default: the queue's perOwner). Jobs have a share of their own. */
  readonly perOwner?: number;
  /** Whether, with the queue full, it may take an over-share owner's waiting place (default true; jobs may not). */
  readonly mayDisplace?: boolean;
}

/** The queue's state after every change, for the queue-depth gauge. */
export interface DeviceQueueState {
  readonly busy: boolean;
  readonly queued: number;
}

interface Waiter {
  readonly owner: string;
  readonly priority: bigint;
  readonly seq: number;
  readonly enqueuedAt: number;
  grant(slot: DeviceSlot): void;
  reject(error: Error): void;
}

/** Priority for a sender whose stake is unknown (an allowlisted hotkey outside the metagraph): after everyone else. */
export const UNKNOWN_STAKE_PRIORITY = -1n;

/**
 * Requests one owner may hold at once, running and waiting together: as many as a validator
 * keeps unopened at one miner (one running, the rest queued behind it), so a pipelining
 * validator is never answered busy by a miner on the defaults.
 */
export const DEFAULT_PER_OWNER = MAX_UNOPENED_CHALLENGES;

/**
 * One challenge per device at a time, shared fairly between validators:
 *
 * - **Shares.** Each owner (validator hotkey) holds at most `perOwner` requests, running and
 *   waiting together; one more is refused with DeviceBusyError at once. At most `maxQueued`
 *   wait in all; when that is full, a newcomer holding fewer requests than the largest holder
 *   takes the largest holder's newest waiting place (that one gets DeviceBusyError), else the
 *   newcomer is refused. So `busy` only ever goes to whoever is over its share.
 * - **Order: cycles in stake order.** The device goes to the highest-priority (stake) owner
 *   with waiting work that has not had the device in the current cycle; when every owner with
 *   waiting work has had it, a new cycle starts. A validator that keeps a challenge queued all
 *   the time therefore gets one run per cycle, like everyone else, and goes first in each.
 * - Within one owner, arrival order.
 */
export class DeviceQueue {
  private running = false;
  private readonly waiting: Waiter[] = [];
  /** Requests held per owner (running and waiting). */
  private readonly held = new Map<string, number>();
  /** Owners that had the device in the current cycle. */
  private readonly servedThisCycle = new Set<string>();
  private seq = 0;
  private anonymous = 0;
  private closedReason: string | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly maxQueued: number,
    private readonly onChange: (state: DeviceQueueState) => void = () => undefined,
    readonly perOwner = DEFAULT_PER_OWNER,
  ) {
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError('maxQueued must be a non-negative integer');
    if (!Number.isInteger(perOwner) || perOwner < 1) throw new RangeError('perOwner must be a positive integer');
  }

  /** Requests `owner` holds now, running and waiting. */
  heldBy(owner: string): number {
    return this.held.get(owner) ?? 0;
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
    const owner = options.owner ?? `\u0000request-${this.anonymous++}`;
    const held = this.heldBy(owner);
    const share = options.perOwner ?? this.perOwner;
    if (held >= share) {
      return Promise.reject(new DeviceBusyError(`this validator already has ${held} request(s) of this kind running or queued, its whole share`, { held, perValidator: share }));
    }
    if (!this.running) {
      this.running = true;
      this.hold(owner, 1);
      this.servedThisCycle.add(owner);
      this.changed();
      return Promise.resolve(this.slot(owner, 0));
    }
    if (this.waiting.length >= this.maxQueued && (options.mayDisplace === false || !this.displaceFor(owner))) {
      return Promise.reject(new DeviceBusyError(`the device is busy and ${this.waiting.length} request(s) are already queued`, { queued: this.waiting.length, maxQueued: this.maxQueued }));
    }
    return new Promise<DeviceSlot>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        if (!this.remove(waiter)) return;
        this.changed();
        reject(new QueueAbortedError('the request was withdrawn while queued'));
      };
      const waiter: Waiter = {
        owner,
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
      this.waiting.push(waiter);
      this.hold(owner, 1);
      this.changed();
    });
  }

  /** Rejects everything queued with MinerStoppingError and refuses new requests; the running one keeps its slot. */
  close(reason = 'the miner is stopping'): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    const waiting = this.waiting.splice(0);
    for (const w of waiting) {
      this.hold(w.owner, -1);
      w.reject(new MinerStoppingError(reason));
    }
    this.changed();
  }

  /** Resolves once no challenge holds the device. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private hold(owner: string, delta: number): void {
    const n = this.heldBy(owner) + delta;
    if (n > 0) this.held.set(owner, n);
    else this.held.delete(owner);
  }

  private remove(waiter: Waiter): boolean {
    const i = this.waiting.indexOf(waiter);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    this.hold(waiter.owner, -1);
    return true;
  }

  /** Frees a waiting place for `owner` from the largest holder, when that one holds more than `owner` would. */
  private displaceFor(owner: string): boolean {
    let victim: Waiter | undefined;
    for (const w of this.waiting) {
      const n = this.heldBy(w.owner);
      if (!victim || n > this.heldBy(victim.owner) || (n === this.heldBy(victim.owner) && w.seq > victim.seq)) victim = w;
    }
    if (!victim || this.heldBy(victim.owner) <= this.heldBy(owner) + 1) return false;
    this.remove(victim);
    victim.reject(new DeviceBusyError('the queue is full and this validator holds more than its share of it; its newest waiting challenge gave way', { held: this.heldBy(victim.owner) + 1 }));
    return true;
  }

  /** The next waiter: highest priority among owners not yet served this cycle, earliest first; a new cycle when all were. */
  private pick(): Waiter | undefined {
    const best = (candidates: Waiter[]) =>
      candidates.reduce<Waiter | undefined>((b, w) => (!b || w.priority > b.priority || (w.priority === b.priority && w.seq < b.seq) ? w : b), undefined);
    let waiter = best(this.waiting.filter((w) => !this.servedThisCycle.has(w.owner)));
    if (!waiter && this.waiting.length > 0) {
      this.servedThisCycle.clear();
      waiter = best(this.waiting);
    }
    if (!waiter) return undefined;
    // The owner's own requests keep arrival order.
    const first = this.waiting.find((w) => w.owner === waiter!.owner)!;
    this.servedThisCycle.add(first.owner);
    this.waiting.splice(this.waiting.indexOf(first), 1);
    return first;
  }

  private slot(owner: string, waitedMs: number): DeviceSlot {
    let released = false;
    return {
      waitedMs,
      release: () => {
        if (released) return;
        released = true;
        this.hold(owner, -1);
        this.next();
      },
    };
  }

  private next(): void {
    const waiter = this.pick();
    if (waiter) {
      this.changed();
      waiter.grant(this.slot(waiter.owner, performance.now() - waiter.enqueuedAt));
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
