import { cpus } from 'node:os';
import type { KeyringPair } from '@polkadot/keyring/types';
import { connectChain, loadMetagraph, type ChainClient, type Metagraph, type RetryOptions } from '../chain';
import type { Logger } from '../logging';
import { preset, RunnerClosedError, type HostFeeds, type RunOptions, type SessionPool, type DeviceThroughput, WorkloadRunner, type PresetName, type RunnerDevice, type RunnerStartOptions, type WorkloadParams } from '../pog';
import { protocolCryptoReady } from '../protocol';
import { MetagraphRefresher } from './access/metagraph-refresher';
import { measureThroughput } from './capacity/measure-throughput';
import { deviceMemoryBytes } from './work-bounds';
import { describeCapacity, MINER_VERSION, probeCapacity, type CapacityReport } from './capacity/probe-capacity';
import { checkRegistration, ensureAxonServed, versionAsInt, type ServeResult } from './chain/registration';
import { chooseExternalIp, type ExternalIp } from './external-ip';
import { MinerNode, type AuditRetention, type MinerNodeOptions } from './miner-node';
import type { JobBounds } from './jobs/job-bounds';

export interface StartMinerOptions {
  /** The miner's hotkey: registered on the subnet, signs serve_axon and every answer. */
  readonly hotkey: KeyringPair;
  readonly netuid: number;
  /** The chain endpoint, or a client the caller owns (then it is not closed by stop()). */
  readonly chain: string | ChainClient;
  readonly connectRetry?: RetryOptions;
  readonly device: RunnerDevice;
  readonly deviceId?: number;
  /** onnxruntime intra-op threads (default: every core on cpu, onnxruntime's choice on cuda). */
  readonly threads?: number;
  /** Interface to listen on (default 0.0.0.0) and the port (0: any free one). */
  readonly host?: string;
  readonly port: number;
  /** Address announced on chain; detected when absent. */
  readonly externalIp?: string;
  /** Port announced on chain when it differs from the listening port (NAT); default: the listening port. */
  readonly externalPort?: number;
  /** Hotkeys served besides validator-permit holders. */
  readonly allow?: readonly string[];
  readonly metagraphRefreshMs?: number;
  readonly queueSize?: number;
  readonly perValidator?: number;
  /** Connection limits and receive deadlines of the axon. */
  readonly connections?: MinerNodeOptions['connections'];
  readonly audit?: Partial<AuditRetention>;
  /** Longest a challenge may be estimated to take on this device, seconds (default 30). */
  readonly maxChallengeSeconds?: number;
  readonly memoryFraction?: number;
  /** The device's speed, when already known; measured with the runner at start otherwise. */
  readonly throughput?: DeviceThroughput;
  readonly maxSkewMs?: number;
  /** Presets run once at start so that their sessions are warm before the first challenge. */
  readonly warmup?: readonly PresetName[];
  /** How long stop() lets a running challenge finish. */
  readonly stopGraceMs?: number;
  /** The command an unregistered operator should run (shown in NotRegisteredError). */
  readonly registerCommand?: string;
  readonly logger: Logger;
  /** Compute-market jobs (POST /job, /model) on the challenges' runner and queue: bounds over DEFAULT_JOB_BOUNDS, or false to serve none (default: served). */
  readonly jobs?: Partial<JobBounds> | false;
  /** The capacity probe (tests pass a stand-in; the default runs nvidia-smi and probes every execution provider). */
  readonly probe?: (device: RunnerDevice, deviceId: number) => Promise<CapacityReport>;
}

export interface RunningMiner {
  readonly node: MinerNode;
  /** The runner in use (a new one after the worker thread died and was restarted). */
  readonly runner: WorkloadRunner;
  readonly client: ChainClient;
  readonly uid: number;
  /** The listening port. */
  readonly port: number;
  /** What was announced on chain. */
  readonly axon: { readonly ip: string; readonly port: number; readonly ipSource: ExternalIp['source']; readonly serve: ServeResult };
  readonly capacity: CapacityReport;
  /** Stops serving, lets the running challenge finish (stopGraceMs), closes the runner and the chain client. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a miner: connects, checks the hotkey is registered (NotRegisteredError otherwise),
 * probes and logs its capacity, starts the runner on the device, serves the axon and
 * announces it with serve_axon, then refreshes the metagraph in the background. Whatever was
 * started is closed again when a step fails.
 */
export async function startMiner(options: StartMinerOptions): Promise<RunningMiner> {
  const logger = options.logger.child({ module: 'miner' });
  const hotkey = options.hotkey.address;
  const ownsClient = typeof options.chain === 'string';
  const cleanup: (() => Promise<void>)[] = [];
  const unwind = async () => {
    for (const step of cleanup.reverse()) await step().catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'cleanup failed'));
  };
  try {
    const client =
      typeof options.chain === 'string'
        ? await connectChain({ endpoint: options.chain, logger: options.logger, ...(options.connectRetry ? { retry: options.connectRetry } : {}) })
        : options.chain;
    if (ownsClient) cleanup.push(() => client.close());
    await protocolCryptoReady();

    const registerCommand = options.registerCommand ?? `pog register --netuid ${options.netuid} --wallet.name <wallet> --wallet.hotkey <hotkey>`;
    const { metagraph, uid } = await checkRegistration(client, options.netuid, hotkey, registerCommand);
    logger.info({ hotkey, netuid: options.netuid, uid, block: metagraph.block }, 'hotkey is registered');

    const deviceId = options.deviceId ?? 0;
    const capacity = await (options.probe ?? ((device, id) => probeCapacity({ device, deviceId: id })))(options.device, deviceId);
    logger.info({ capacity }, describeCapacity(capacity));

    const threads = options.threads ?? (options.device === 'cpu' ? cpus().length : undefined);
    const runners = new RunnerSupervisor({ device: options.device, deviceId, threads, logger: options.logger.child({ module: 'runner' }) }, logger);
    await runners.start();
    cleanup.push(() => runners.close());
    for (const name of options.warmup ?? []) {
      const r = await runners.current.runWorkload(new Uint8Array(32), preset(name));
      logger.info({ preset: name, sessionCreateMs: r.timings.sessionCreateMs, workloadMs: r.timings.generateAndComputeMs }, 'warmed up');
    }

    let throughput = options.throughput;
    if (!throughput) {
      const measured = await measureThroughput({ run: (seed, params) => runners.current.runWorkload(seed, params), maxBytes: deviceMemoryBytes(capacity) / 16 });
      logger.info({ flopsPerSecond: measured.flopsPerSecond, valuesPerSecond: measured.valuesPerSecond, ms: Math.round(measured.totalMs) }, 'measured the device: challenges are bounded in seconds of this speed');
      throughput = measured;
    }
    const node = await MinerNode.start({
      processMetrics: true,
      hotkey: options.hotkey,
      netuid: options.netuid,
      device: options.device,
      runWorkload: (seed, params) => runners.runWorkload(seed, params),
      ...(options.jobs === false ? {} : { jobs: { runner: runners, bounds: options.jobs ?? {} } }),
      capacity,
      allow: options.allow,
      host: options.host,
      port: options.port,
      queueSize: options.queueSize,
      perValidator: options.perValidator,
      connections: options.connections,
      audit: options.audit,
      throughput,
      maxChallengeSeconds: options.maxChallengeSeconds,
      memoryFraction: options.memoryFraction,
      maxSkewMs: options.maxSkewMs,
      logger: options.logger,
    });
    cleanup.push(async () => void (await node.stop(0)));
    const onMetagraph = (mg: Metagraph) => {
      node.access.update(mg);
      node.metrics.validatorsServed.set(node.access.allowedCount);
      node.metrics.metagraphRefreshes.inc({ outcome: 'ok' });
      if (!mg.hotkeys.includes(hotkey)) logger.warn({ hotkey, netuid: options.netuid, block: mg.block }, 'this hotkey is no longer registered on the subnet (deregistered?); validators will stop calling');
    };
    onMetagraph(metagraph);
    logger.info({ host: options.host ?? '0.0.0.0', port: node.port, allowed: node.access.allowedCount }, 'axon listening');

    const external = chooseExternalIp(options.externalIp);
    if (external.source === 'none') logger.warn('no non-loopback IPv4 address found: announcing 0.0.0.0 (validators cannot reach this miner); pass --axon.external-ip');
    else if (external.source === 'interface') logger.info({ ip: external.ip }, 'announcing a detected address; pass --axon.external-ip if validators reach this host elsewhere');
    const announcedPort = options.externalPort ?? node.port;
    const serve = await ensureAxonServed(client, {
      signer: options.hotkey,
      netuid: options.netuid,
      ip: external.ip,
      port: announcedPort,
      version: versionAsInt(MINER_VERSION),
      current: metagraph.axons[uid],
      logger,
    });

    const refresher = new MetagraphRefresher({
      load: () => loadMetagraph(client, options.netuid),
      intervalMs: options.metagraphRefreshMs ?? 60_000,
      onMetagraph,
      onFailure: () => node.metrics.metagraphRefreshes.inc({ outcome: 'failed' }),
      logger,
    });
    refresher.start();

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        logger.info('stopping: no new requests; letting the running challenge finish');
        await refresher.stop();
        const { finishedRunning } = await node.stop(options.stopGraceMs ?? 30_000);
        if (!finishedRunning) logger.warn('the running challenge did not finish in time; its connection was closed');
        await runners.close();
        if (ownsClient) await client.close();
        logger.info('stopped');
      })();
      return stopping;
    };
    return {
      node,
      get runner() {
        return runners.current;
      },
      client,
      uid,
      port: node.port,
      axon: { ip: external.ip, port: announcedPort, ipSource: external.source, serve },
      capacity,
      stop,
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}



/**
 * Keeps one runner alive: when its worker thread dies (an uncaught error in the worker), the
 * challenge that saw it fails with 503 runner_unavailable and a new runner is started, so the
 * miner keeps serving. A runner that cannot be restarted is retried on the next challenge.
 */
class RunnerSupervisor {
  private runner: WorkloadRunner | undefined;
  private restarting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly startOptions: RunnerStartOptions,
    private readonly logger: Logger,
  ) {}

  get current(): WorkloadRunner {
    if (!this.runner) throw new RunnerClosedError('the runner is not started');
    return this.runner;
  }

  async start(): Promise<void> {
    this.runner = await WorkloadRunner.start(this.startOptions);
  }

  runWorkload(seed: Uint8Array, params: WorkloadParams) {
    return this.supervised((runner) => runner.runWorkload(seed, params));
  }

  /** A job model's session (JobModelRunner). */
  describe(model: Uint8Array, options?: { readonly sessionPool?: SessionPool }) {
    return this.supervised((runner) => runner.describe(model, options));
  }

  /** A job's run (JobModelRunner). */
  run(model: Uint8Array, feeds: HostFeeds, outputNames: readonly string[], options?: RunOptions) {
    return this.supervised((runner) => runner.run(model, feeds, outputNames, options));
  }

  private async supervised<T>(call: (runner: WorkloadRunner) => Promise<T>): Promise<T> {
    if (this.restarting) await this.restarting;
    try {
      return await call(this.current);
    } catch (error) {
      if (error instanceof RunnerClosedError && !this.closed) this.restart(error.message);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.restarting;
    await this.runner?.close();
  }

  private restart(reason: string): void {
    if (this.restarting) return;
    this.logger.error({ reason }, 'the runner stopped; starting a new one');
    const old = this.runner;
    this.restarting = (async () => {
      await old?.close().catch(() => undefined);
      try {
        if (!this.closed) await this.start();
        this.logger.info('runner restarted');
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'the runner could not be restarted; retrying on the next challenge');
      }
    })().finally(() => {
      this.restarting = undefined;
    });
  }
}
