import { performance } from 'node:perf_hooks';
import type { KeyringPair } from '@polkadot/keyring/types';
import { keypairFromUri } from '../../../src/chain/keys';
import { silentLogger } from '../../../src/logging';
import type { DeviceQueue, RunWorkload } from '../../../src/miner';
import { preset, WorkloadRunner, type WorkloadParams } from '../../../src/pog';
import { protocolCryptoReady } from '../../../src/protocol';
import { applyResults, emptyState, runRound, type MinerResult, type MinerTarget, type RoundOptions } from '../../../src/validator';
import { startTestMiner } from '../../validator/support/miners';
import { DeviceLog } from './device-log';
import { startInterceptingProxy, type Handler } from '../miners/intercepting-proxy';
import { SharedRunner, type SharingPolicy } from '../miners/shared-runner';

/**
 * The adversarial suite's world: one real onnxruntime CPU runner (the "device"), real miner
 * nodes (signed HTTP, device queue, Merkle commitments) built on it, and the unmodified
 * validator round. Every round waits for the device to drain, so work a round abandoned at its
 * window's end never spills into the next one.
 */
export class Harness {
  readonly validator: KeyringPair = keypairFromUri('//Bob//pog-adversarial-validator');
  private readonly stops: (() => Promise<void>)[] = [];
  private readonly sharers: SharedRunner[] = [];
  private readonly queues: DeviceQueue[] = [];
  private uid = 0;
  /** The device in arrival order: every miner of the suite runs on it, through this. */
  readonly device: SharedRunner;
  /** When the device ran (the suite's ground truth, outside the protocol). */
  private readonly log: DeviceLog;

  private constructor(
    readonly runner: WorkloadRunner,
    readonly params: WorkloadParams,
    readonly roundDefaults: Omit<RoundOptions, 'signer' | 'params' | 'logger'>,
    /** The window in challenges, sized each round at the device's latest speed; null: fixed by the round options. */
    private readonly windowChallenges: number | null,
    /** One challenge's compute on the device lately: calibrated at start, then the last round's median. */
    private challengeMs: number,
  ) {
    this.log = new DeviceLog(runner);
    this.device = new SharedRunner(this.log.device, { kind: 'fifo' });
    this.sharers.push(this.device);
  }

  /**
   * ci-preset challenges with fewer audited rows (soundness is tested at the verifier level),
   * as many rows as make one challenge take at least `minChallengeMs` (default 40) of wall time on this
   * machine (so the work, not the per-request overhead, fills the window), and windows of
   * `windowChallenges` challenges (default 20) at the device's latest speed.
   */
  static async start(over: { params?: Partial<WorkloadParams>; round?: Partial<Harness['roundDefaults']>; minChallengeMs?: number; windowChallenges?: number } = {}): Promise<Harness> {
    await protocolCryptoReady();
    const runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
    let params = preset('ci', { rows: 2048, auditRows: 16, ...over.params });
    let challengeMs: number;
    for (;;) {
      await runner.runWorkload(new Uint8Array(32), params); // a warm session
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await runner.runWorkload(new Uint8Array(32), params)).timings.totalMs);
      challengeMs = median(times);
      if (challengeMs >= (over.minChallengeMs ?? DEFAULT_MIN_CHALLENGE_MS) || params.rows >= 1 << 17) break;
      params = { ...params, rows: params.rows * 2 };
    }
    const windowChallenges = over.windowChallenges ?? 20;
    const measureWindowMs = windowFor(windowChallenges, challengeMs);
    return new Harness(
      runner,
      params,
      {
        device: 'cpu',
        concurrency: 16,
        windowMs: measureWindowMs + 4_000,
        challengeTimeoutMs: measureWindowMs,
        auditTimeoutMs: 1_000,
        measureWindowMs,
        minChallenges: 1,
        maxChallenges: 64,
        retryDelayMs: 50,
        ...over.round,
      },
      over.round?.measureWindowMs === undefined ? windowChallenges : null,
      challengeMs,
    );
  }

  /**
   * The next round's measurement window: `windowChallenges` challenges at the device's speed in
   * the last round (a fixed window counts whole ones, so it must hold many; on a loaded machine
   * the speed changes several-fold within a minute), unless the round options fix it.
   */
  get measureWindowMs(): number {
    return this.windowChallenges === null ? this.roundDefaults.measureWindowMs! : windowFor(this.windowChallenges, this.challengeMs);
  }

  async close(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse()) await stop();
    await this.runner.close();
  }

  /** A miner node for a new hotkey running `work` (default: honest on the device). */
  async miner(name: string, work?: RunWorkload): Promise<MinerTarget & { stop(): Promise<void> }> {
    const hotkey = keypairFromUri(`//Charlie//pog-adversarial-${name}`);
    const node = await startTestMiner(hotkey, work ?? this.device.workload(name), [this.validator.address]);
    this.stops.push(node.stop);
    this.queues.push(node.node.queue);
    return { uid: ++this.uid, hotkey: hotkey.address, url: node.url, stop: node.stop };
  }

  /** The same target seen through an intercepting proxy the miner controls. */
  async intercepted(target: MinerTarget, handler: Handler): Promise<MinerTarget & { calls: Map<string, number> }> {
    const proxy = await startInterceptingProxy(target.url, handler);
    this.stops.push(proxy.stop);
    return { ...target, url: proxy.url, calls: proxy.calls };
  }

  /** Several hotkeys' miner nodes on the one device, scheduled by `policy`. */
  async sharedHotkeys(name: string, count: number, policy: SharingPolicy): Promise<MinerTarget[]> {
    const shared = new SharedRunner({ runWorkload: this.device.workload(name) }, policy);
    this.sharers.push(shared);
    return Promise.all(Array.from({ length: count }, (_, i) => this.miner(`${name}-${i}`, shared.workload(`${name}-${i}`))));
  }

  /** One round of the unmodified validator over `targets`; then the device drains. */
  async round(targets: readonly MinerTarget[], over: Partial<RoundOptions> = {}): Promise<MinerResult[]> {
    return (await this.measuredRound(targets, over)).results;
  }

  /** A round, with the share of its measurement window the device was busy and the challenges' worth of work the device could have done in its measurement window at the speed it ran. */
  async measuredRound(targets: readonly MinerTarget[], over: Partial<RoundOptions> = {}): Promise<{ results: MinerResult[]; deviceWork: number; deviceBusy: number }> {
    const measureWindowMs = this.measureWindowMs;
    const sized = { measureWindowMs, challengeTimeoutMs: measureWindowMs, windowMs: measureWindowMs + 4_000 };
    const options: RoundOptions = { ...this.roundDefaults, ...sized, signer: this.validator, params: this.params, logger: silentLogger, ...over };
    this.log.clear();
    const openedMs = performance.now();
    const { results } = await runRound(targets, options);
    await this.drained();
    this.challengeMs = this.log.medianComputeMs() ?? this.challengeMs;
    const closedMs = openedMs + options.measureWindowMs!;
    return { results, deviceWork: this.log.capacityInside(openedMs, closedMs), deviceBusy: this.log.busyInside(openedMs, closedMs) };
  }

  /**
   * Until nothing runs or waits anywhere, twice in a row a few ms apart: a miner node may grant
   * an abandoned challenge the device just after the runner went idle (before it saw the
   * validator leave), and that work must not spill into the next round.
   */
  private async drained(): Promise<void> {
    const idleNow = () => this.queues.every((q) => !q.busy && q.queued === 0) && this.sharers.every((s) => s.isIdle);
    for (let quiet = 0; quiet < 2; ) {
      for (const q of this.queues) await q.idle();
      for (const s of [...this.sharers].reverse()) await s.idle();
      await new Promise((r) => setTimeout(r, 20));
      quiet = idleNow() ? quiet + 1 : 0;
    }
  }
}

/**
 * A challenge's least time: long enough that the validator's turnaround on a loaded 2-core
 * machine (its event loop shared with every miner node of the suite) mostly stays under the
 * three challenges queued behind the running one (at about 25 ms of compute the lone honest
 * miner's device idled: busy 0.89 of the window against 0.95 for four hotkeys, in one
 * `npm run bench:adversarial`), short enough for the suite to last minutes (at 60 ms of
 * compute it took 8).
 */
const DEFAULT_MIN_CHALLENGE_MS = 40;

/** A window of `challenges` challenges of `challengeMs`, within bounds that keep a round short. */
const windowFor = (challenges: number, challengeMs: number) => Math.min(8_000, Math.max(300, Math.ceil(challenges * challengeMs)));

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Credited TFLOP/s of several hotkeys together (their sum: one device's worth at most). */
export const sumTflops = (results: readonly MinerResult[], uids: readonly number[]) => results.filter((r) => uids.includes(r.uid)).reduce((s, r) => s + r.tflops, 0);

/** The score a result leaves a miner with after a first round (a failed one must leave 0). */
export function scoreAfter(result: MinerResult): number {
  const state = applyResults(emptyState(1, 'validator'), [result], { scoreAlpha: 0.3, reliabilityAlpha: 0.1, nowMs: Date.now() });
  return state.miners[String(result.uid)]!.score;
}
