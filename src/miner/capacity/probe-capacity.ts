import { performance } from 'node:perf_hooks';
import { listExecutionProviders, type ExecutionProviderInfo, type RunnerDevice } from '../../pog';
import { probeNvidiaGpus, type ExecFn, type GpuProbe } from './nvidia-smi';
import { cpuInfo, onnxruntimeVersion, type CpuInfo } from './system-info';

export const MINER_VERSION = '0.1.0';

/** One onnxruntime backend: shipped in the package or not, and whether a probe run worked (null: not probed). */
export interface ProviderStatus {
  readonly name: string;
  readonly bundled: boolean;
  readonly available: boolean | null;
}

/**
 * What the miner says it has. Served at GET /capacity in a signed response: the signature
 * proves which hotkey made the claim, never that the claim is true. Validators rate miners
 * on PoG measurements only.
 */
export interface CapacityReport {
  /** The device this miner serves challenges on. */
  readonly device: { readonly kind: RunnerDevice; readonly deviceId: number };
  readonly gpus: GpuProbe;
  /** onnxruntime-node's backends; available is proven by a probe run for cpu and cuda, null for providers not probed. */
  readonly executionProviders: readonly ProviderStatus[];
  readonly cpu: CpuInfo;
  readonly software: { readonly miner: string; readonly node: string; readonly onnxruntime: string | null };
  /** Date.now() when the probe ran. */
  readonly probedAtMs: number;
  /** How long the probe took. */
  readonly probeMs: number;
}

export interface ProbeCapacityOptions {
  readonly device: RunnerDevice;
  readonly deviceId?: number;
  /** Runs nvidia-smi (tests pass a fake). */
  readonly exec?: ExecFn;
  /** The execution providers (tests pass a fixed list; the default starts a runner per provider). */
  readonly executionProviders?: () => Promise<ExecutionProviderInfo[]>;
}

/** Probes GPUs (nvidia-smi), onnxruntime's execution providers and the CPU, once. */
export async function probeCapacity(options: ProbeCapacityOptions): Promise<CapacityReport> {
  const started = performance.now();
  const [gpus, executionProviders] = await Promise.all([
    probeNvidiaGpus(options.exec),
    (options.executionProviders ?? listExecutionProviders)(),
  ]);
  return {
    device: { kind: options.device, deviceId: options.deviceId ?? 0 },
    gpus,
    executionProviders: executionProviders.map((p) => ({ name: p.name, bundled: p.bundled, available: p.available ?? null })),
    cpu: cpuInfo(),
    software: { miner: MINER_VERSION, node: process.version, onnxruntime: onnxruntimeVersion() },
    probedAtMs: Date.now(),
    probeMs: Math.round(performance.now() - started),
  };
}

/** One line for the log: "cpu (2 × AMD EPYC, 23.4 GiB); GPUs: none (nvidia-smi not found …); providers: cpu". */
export function describeCapacity(report: CapacityReport): string {
  const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  const gpus = report.gpus.available
    ? report.gpus.gpus.map((g) => `${g.index}: ${g.name}${g.memoryMiB === null ? '' : ` ${gib(g.memoryMiB * 2 ** 20)} GiB`}`).join(', ') +
      (report.gpus.driverVersion ? ` (driver ${report.gpus.driverVersion})` : '')
    : `none (${report.gpus.reason})`;
  const providers = report.executionProviders.filter((p) => p.available === true).map((p) => p.name);
  return (
    `serving on ${report.device.kind}${report.device.kind === 'cuda' ? `:${report.device.deviceId}` : ''}; ` +
    `CPU ${report.cpu.cores} × ${report.cpu.model}, ${gib(report.cpu.memoryBytes)} GiB; GPUs: ${gpus}; ` +
    `execution providers proven: ${providers.join(', ') || 'none'}`
  );
}
