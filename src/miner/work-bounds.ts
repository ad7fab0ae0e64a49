import { estimatedSeconds, estimateWorkload, type DeviceThroughput, type WorkloadEstimate, type WorkloadParams } from '../pog';
import type { CapacityReport } from './capacity/probe-capacity';
import { Refusal } from './refusal';

export interface WorkBoundsOptions {
  /** Memory of the device challenges run on, bytes (deviceMemoryBytes() of the capacity report). */
  readonly deviceMemoryBytes: number;
  /** Share of it one run may take (default 0.75): onnxruntime's arena rounding, other sessions and other processes need the rest. */
  readonly memoryFraction?: number;
  /** This device's measured speed (measureThroughput at start). */
  readonly throughput: DeviceThroughput;
  /** Longest a run may be estimated to take at that speed, seconds (default 30). */
  readonly maxSeconds?: number;
  /** A run's wall-time deadline: deadlineFactor × its estimate (default 4), at least minDeadlineMs (default 60 s). */
  readonly deadlineFactor?: number;
  readonly minDeadlineMs?: number;
}

export const DEFAULT_MEMORY_FRACTION = 0.75;
export const DEFAULT_MAX_CHALLENGE_SECONDS = 30;
/** A run is cut after DEADLINE_FACTOR × its estimate, and never before MIN_DEADLINE_MS: a backstop for estimates badly wrong, not a timing rule (session creation, a loaded or shared host, an unmeasured device). */
export const DEADLINE_FACTOR = 4;
export const MIN_DEADLINE_MS = 60_000;

/** Which bound a refused challenge broke, with the numbers: sent in the signed refusal's body as `bound`. */
export interface BrokenBound {
  readonly name: 'device_memory' | 'work_seconds';
  readonly unit: 'bytes' | 'seconds';
  readonly value: number;
  readonly limit: number;
}

/** What the miner accepted a challenge with: its estimate and the wall time it gets. */
export interface AcceptedWork {
  readonly estimate: WorkloadEstimate;
  readonly seconds: number;
  readonly deadlineMs: number;
}

/** The memory of the device a capacity report serves on: the GPU's from nvidia-smi, else (cpu, or no memory reported) the host's. */
export function deviceMemoryBytes(capacity: CapacityReport): number {
  if (capacity.device.kind === 'cuda' && capacity.gpus.available) {
    const gpu = capacity.gpus.gpus.find((g) => g.index === capacity.device.deviceId);
    if (gpu?.memoryMiB) return gpu.memoryMiB * 2 ** 20;
  }
  return capacity.cpu.memoryBytes;
}

/**
 * The miner's admission check for a challenge's parameters, before anything is allocated: its
 * estimated peak device memory against the device's, and its estimated time (chain FLOPs and
 * generated values at the measured throughput) against maxSeconds. A challenge over either is
 * refused with 400 and the bound it broke; one within both gets its run deadline.
 */
export function checkWorkBounds(params: WorkloadParams, options: WorkBoundsOptions): AcceptedWork {
  const estimate = estimateWorkload(params);
  const memoryLimit = Math.floor(options.deviceMemoryBytes * (options.memoryFraction ?? DEFAULT_MEMORY_FRACTION));
  if (estimate.deviceBytes > memoryLimit) {
    throw boundRefusal('over_device_memory', `the workload needs about ${gib(estimate.deviceBytes)} GiB on the device; this miner allows ${gib(memoryLimit)} GiB per run`, {
      name: 'device_memory',
      unit: 'bytes',
      value: estimate.deviceBytes,
      limit: memoryLimit,
    });
  }
  const seconds = estimatedSeconds(estimate, options.throughput);
  const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_CHALLENGE_SECONDS;
  if (seconds > maxSeconds) {
    throw boundRefusal(
      'over_work_cap',
      `the workload (${estimate.chainFlops.toExponential(2)} FLOPs, ${estimate.generatedValues.toExponential(2)} generated values) would take about ${seconds.toFixed(1)} s on this device; this miner accepts at most ${maxSeconds} s`,
      { name: 'work_seconds', unit: 'seconds', value: round3(seconds), limit: maxSeconds },
    );
  }
  const deadlineMs = Math.max(options.minDeadlineMs ?? MIN_DEADLINE_MS, Math.ceil((options.deadlineFactor ?? DEADLINE_FACTOR) * seconds * 1000));
  return { estimate, seconds, deadlineMs };
}

function boundRefusal(reason: 'over_device_memory' | 'over_work_cap', message: string, bound: BrokenBound): Refusal {
  return new Refusal(reason, message, { bound }, { bound });
}

const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(2);
const round3 = (v: number) => Math.round(v * 1000) / 1000;
