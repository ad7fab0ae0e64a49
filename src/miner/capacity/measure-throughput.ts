import { performance } from 'node:perf_hooks';
import { estimateWorkload, parseWorkloadParams, type Datapath, type DeviceThroughput, type WorkloadParams } from '../../pog';
import type { RunWorkload } from '../challenge-service';

export interface MeasureThroughputOptions {
  /** The runner's runWorkload on the device being measured. */
  readonly run: RunWorkload;
  /** Each probe shape is doubled until one run takes this long (default 150 ms). */
  readonly targetMs?: number;
  /** Probes never estimate more device memory than this (default 1 GiB). */
  readonly maxBytes?: number;
  /** Datapath of the probes (default fp32: the slowest, so estimates err long). */
  readonly datapath?: Datapath;
}

export interface ThroughputMeasurement extends DeviceThroughput {
  /** The two probe shapes used, with their session.run times. */
  readonly probes: readonly { readonly params: WorkloadParams; readonly runMs: number }[];
  /** Wall time of the whole measurement, session creation included. */
  readonly totalMs: number;
}

const SEED = new Uint8Array(32).fill(7);

/**
 * Measures this device's speed on the two kinds of work a run does, with the real runner: a
 * generation-heavy probe (16 rows, depth 1, a growing pool of 1024² matrices) and a chain-heavy
 * one (growing rows through 16 layers of width 512), each doubled until a run takes targetMs.
 * Their times t = F·x + V·y (F chain FLOPs, V generated values) give the seconds per FLOP x and
 * per value y. Small shapes understate a GPU (launch overheads), so estimates err long.
 */
export async function measureThroughput(options: MeasureThroughputOptions): Promise<ThroughputMeasurement> {
  const started = performance.now();
  const targetMs = options.targetMs ?? 150;
  const maxBytes = options.maxBytes ?? 2 ** 30;
  const datapath = options.datapath ?? 'fp32';
  const grow = async (shape: (k: number) => WorkloadParams, limit: number) => {
    let best = { params: shape(1), runMs: 0 };
    for (let k = 1; k <= limit; k *= 2) {
      const params = shape(k);
      if (k > 1 && estimateWorkload(params).deviceBytes > maxBytes) break;
      const r = await options.run(SEED, params);
      best = { params, runMs: r.timings.generateAndComputeMs };
      if (best.runMs >= targetMs) break;
    }
    return best;
  };
  const generation = await grow((k) => parseWorkloadParams({ rows: 16, width: 1024, headWidth: 16, depth: 1, poolSize: k, datapath, rowsPerLeaf: 16, auditRows: 16 }), 64);
  const chain = await grow((k) => parseWorkloadParams({ rows: 256 * k, width: 512, headWidth: 16, depth: 16, poolSize: 1, datapath, rowsPerLeaf: 16, auditRows: 16 }), 4096);
  const g = { ...estimateWorkload(generation.params), t: generation.runMs / 1000 };
  const c = { ...estimateWorkload(chain.params), t: chain.runMs / 1000 };
  // Solve [Fg Vg; Fc Vc]·[x y] = [tg tc]; noise can make a coefficient non-positive, then
  // the generation probe is taken as all generation and the chain probe's rest as chain.
  const det = g.chainFlops * c.generatedValues - c.chainFlops * g.generatedValues;
  let x = (g.t * c.generatedValues - c.t * g.generatedValues) / det;
  let y = (g.chainFlops * c.t - c.chainFlops * g.t) / det;
  if (!(x > 0 && y > 0)) {
    y = Math.max(g.t, 1e-6) / g.generatedValues;
    x = Math.max(c.t - c.generatedValues * y, 0.1 * c.t, 1e-6) / c.chainFlops;
  }
  return { flopsPerSecond: 1 / x, valuesPerSecond: 1 / y, probes: [generation, chain], totalMs: performance.now() - started };
}
