import type { KeyringPair } from '@polkadot/keyring/types';
import { silentLogger, type Logger } from '../logging';
import { MIN_COMMITMENTS_RETAINED, type DeviceThroughput, type RunnerDevice } from '../pog';
import { ValidatorAccess } from './access/validator-access';
import type { CapacityReport } from './capacity/probe-capacity';
import { ChallengeService, type RunWorkload } from './challenge-service';
import { AxonServer, type AxonServerOptions } from './http/axon-server';
import { createMinerMetrics, type MinerMetrics } from './metrics/miner-metrics';
import { CommittedChallenges } from './scheduling/committed-challenges';
import { DEFAULT_PER_OWNER, DeviceQueue } from './scheduling/device-queue';
import { deviceMemoryBytes } from './work-bounds';
import { jobBounds, type JobBounds } from './jobs/job-bounds';
import type { JobModelRunner } from './jobs/job-runner';
import { JobService } from './jobs/job-service';

export interface AuditRetention {
  /** How long a commitment stays auditable. */
  readonly ttlMs: number;
  /** Most recent challenges kept per validator. */
  readonly perValidator: number;
  /** Bound on the bytes of outputs and trees held. */
  readonly maxBytes: number;
}

export const DEFAULT_AUDIT_RETENTION: AuditRetention = { ttlMs: 300_000, perValidator: MIN_COMMITMENTS_RETAINED, maxBytes: 1024 * 2 ** 20 };
/**
 * The speed assumed when the caller did not measure one (startMiner always measures): a slow
 * 2-core CPU, so that estimates err long (this machine's bench: 230 GFLOP/s on the demo preset).
 */
export const UNMEASURED_THROUGHPUT: DeviceThroughput = { flopsPerSecond: 5e10, valuesPerSecond: 3e7 };
/** Room for one waiting challenge from each of a subnet's 64 validator permits. */
export const DEFAULT_QUEUE_SIZE = 64;

export interface MinerNodeOptions {
  /** Also export prom-client's default process metrics: for a process that runs this one miner (startMiner), not for several in one process (the demo). */
  readonly processMetrics?: boolean;
  readonly hotkey: KeyringPair;
  readonly netuid: number | null;
  readonly device: RunnerDevice;
  readonly runWorkload: RunWorkload;
  readonly capacity: CapacityReport;
  /** Hotkeys served whatever the metagraph says. */
  readonly allow?: readonly string[];
  readonly host?: string;
  readonly port: number;
  /** Challenges that may wait for the device, over all validators. */
  readonly queueSize?: number;
  /** Challenges one validator may have running and waiting together (default 2); more are answered 503 busy. */
  readonly perValidator?: number;
  readonly audit?: Partial<AuditRetention>;
  /** This device's measured speed (measureThroughput): the work cap is in seconds of it. Default: UNMEASURED_THROUGHPUT. */
  readonly throughput?: DeviceThroughput;
  /** Longest a challenge may be estimated to take on this device (default 30 s). */
  readonly maxChallengeSeconds?: number;
  /** Share of the device's memory one run may take (default 0.75). */
  readonly memoryFraction?: number;
  /** Wall-time deadline of a run (see WorkBoundsOptions). */
  readonly deadline?: { readonly factor?: number; readonly minMs?: number };
  readonly maxSkewMs?: number;
  /** Connection limits and receive deadlines (see ConnectionLimits). */
  readonly connections?: AxonServerOptions['connections'];
  readonly logger?: Logger;
  /** Serve compute-market jobs (POST /job, /model) with this runner (the one challenges use) within these bounds; absent: no jobs. */
  readonly jobs?: { readonly runner: JobModelRunner; readonly bounds?: Partial<JobBounds> };
}

/**
 * The miner's serving parts wired together, with no chain: the device queue, the committed
 * challenges, the challenge service, the access list and the axon. startMiner adds the chain
 * (registration, serve_axon, metagraph refresh) around it; tests and the bench use it alone.
 */
export class MinerNode {
  readonly metrics: MinerMetrics;
  readonly access: ValidatorAccess;
  readonly queue: DeviceQueue;
  readonly committed: CommittedChallenges;
  readonly service: ChallengeService;
  /** The compute market's jobs, when served. */
  readonly jobs: JobService | undefined;

  private constructor(
    readonly server: AxonServer,
    parts: { metrics: MinerMetrics; access: ValidatorAccess; queue: DeviceQueue; committed: CommittedChallenges; service: ChallengeService; jobs: JobService | undefined },
  ) {
    this.jobs = parts.jobs;
    this.metrics = parts.metrics;
    this.access = parts.access;
    this.queue = parts.queue;
    this.committed = parts.committed;
    this.service = parts.service;
  }

  static async start(options: MinerNodeOptions): Promise<MinerNode> {
    const logger = options.logger ?? silentLogger;
    const metrics = createMinerMetrics({ processMetrics: options.processMetrics ?? false });
    const access = new ValidatorAccess(options.allow ?? []);
    metrics.validatorsServed.set(access.allowedCount);
    const queue = new DeviceQueue(
      options.queueSize ?? DEFAULT_QUEUE_SIZE,
      ({ busy, queued }) => {
        metrics.queueDepth.set(queued);
        metrics.deviceBusy.set(busy ? 1 : 0);
      },
      options.perValidator ?? DEFAULT_PER_OWNER,
    );
    const committed = new CommittedChallenges({ ...DEFAULT_AUDIT_RETENTION, ...options.audit });
    const service = new ChallengeService({
      device: options.device,
      runWorkload: options.runWorkload,
      queue,
      committed,
      metrics,
      logger: logger.child({ module: 'challenges' }),
      bounds: {
        deviceMemoryBytes: deviceMemoryBytes(options.capacity),
        memoryFraction: options.memoryFraction,
        throughput: options.throughput ?? UNMEASURED_THROUGHPUT,
        maxSeconds: options.maxChallengeSeconds,
        deadlineFactor: options.deadline?.factor,
        minDeadlineMs: options.deadline?.minMs,
      },
    });
    const jobs = options.jobs
      ? new JobService({ hotkey: options.hotkey, runner: options.jobs.runner, queue, bounds: jobBounds(options.jobs.bounds), metrics, logger: logger.child({ module: 'jobs' }) })
      : undefined;
    const server = await AxonServer.listen({
      hotkey: options.hotkey,
      netuid: options.netuid,
      service,
      jobs,
      access,
      capacity: options.capacity,
      metrics,
      logger: logger.child({ module: 'axon' }),
      host: options.host,
      port: options.port,
      maxSkewMs: options.maxSkewMs,
      connections: options.connections,
      health: () => {
        metrics.committedBytes.set(committed.bytes);
        return { busy: queue.busy, queued: queue.queued, committedChallenges: committed.size, ...(jobs ? { jobModels: jobs.cache.size, jobModelBytes: jobs.cache.bytes } : {}) };
      },
    });
    return new MinerNode(server, { metrics, access, queue, committed, service, jobs });
  }

  get port(): number {
    return this.server.port;
  }

  /**
   * Stops serving: new requests get 503 `shutting_down`, queued challenges are refused with
   * it, the running challenge has up to graceMs to finish and be answered, then every
   * connection is closed. The runner is the caller's to close afterwards.
   */
  async stop(graceMs = 10_000): Promise<{ finishedRunning: boolean }> {
    this.server.beginShutdown();
    this.queue.close('the miner is stopping');
    const finishedRunning = await Promise.race([
      this.queue.idle().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
    ]);
    await this.server.close(finishedRunning ? 2_000 : 0);
    this.committed.clear();
    return { finishedRunning };
  }
}
