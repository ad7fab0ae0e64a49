import { InvalidParamsError } from '../errors';
import type { Datapath } from '../workload';
import { gpuClass, type GpuClassId } from './gpu-classes';

/**
 * Fraction of the datasheet peak a well-run PoG workload achieves on each datapath. Placeholders
 * to be calibrated on real hardware: tensor-core paths rarely sustain more than ~70% of peak on
 * a chain of square MatMuls, plain FP32 closer to 85%.
 */
export const DERATE: Readonly<Record<Datapath, number>> = { fp16: 0.7, tf32: 0.7, fp32: 0.85 };

/** Half-width of a class's band, relative to its expected throughput. */
export const DEFAULT_BAND_TOLERANCE = 0.25;

export interface BandOptions {
  readonly tolerance?: number;
  readonly derate?: Readonly<Record<Datapath, number>>;
}

/** The throughput band of a class on a datapath, in TFLOP/s. */
export interface Band {
  readonly low: number;
  /** datasheet × derate (for CPU, the band's geometric centre). */
  readonly expected: number;
  readonly high: number;
}

export function assertTolerance(tolerance: number): void {
  if (!Number.isFinite(tolerance) || tolerance <= 0 || tolerance >= 1) {
    throw new InvalidParamsError('the band tolerance must be in (0, 1)', { tolerance });
  }
}

/** [expected·(1 − tol), expected·(1 + tol)] with expected = datasheet × derate. */
export function classBand(id: GpuClassId, datapath: Datapath, options: BandOptions = {}): Band {
  const { tolerance = DEFAULT_BAND_TOLERANCE, derate = DERATE } = options;
  assertTolerance(tolerance);
  const c = gpuClass(id);
  if (c.fixedBand) {
    const [low, high] = c.fixedBand;
    return { low, expected: Math.sqrt(low * high), high };
  }
  const factor = derate[datapath];
  if (!Number.isFinite(factor) || factor <= 0 || factor > 1) {
    throw new InvalidParamsError('a derate must be in (0, 1]', { datapath, factor });
  }
  const expected = c.datasheet![datapath] * factor;
  return { low: expected * (1 - tolerance), expected, high: expected * (1 + tolerance) };
}
