import { InvalidParamsError } from '../errors';
import type { Datapath } from '../workload';
import { classBand, type BandOptions } from './bands';
import { classForName, GPU_CLASS_IDS, type GpuClassId } from './gpu-classes';
import { tierFactor, type ClassOrUnknown } from './tiers';

export interface ClassIdentification {
  /** The class scored: the best-fitting candidate, or 'unknown' when there is none. */
  readonly class: ClassOrUnknown;
  /** Every class whose band holds the measurement, best fit first; exact ties lowest tier first. */
  readonly candidates: readonly GpuClassId[];
  /** The class the miner's claimed device name maps to, if it maps to one. */
  readonly claimed?: GpuClassId;
  /** True when a claim was made and its class is among the candidates. */
  readonly claimConsistent: boolean;
  /** With no candidate: the class whose band is nearest in log distance. */
  readonly nearest?: GpuClassId;
  /** The measurement is above every band: faster than any catalogued hardware can be. */
  readonly implausible: boolean;
  readonly reason: string;
}

/** |log(measured / band)|: 0 inside the band, else the log distance to its nearer edge. */
function logDistanceToBand(measured: number, low: number, high: number): number {
  // Differences of logs, not logs of ratios: a ratio against a tiny measurement overflows.
  if (measured < low) return Math.log(low) - Math.log(measured);
  if (measured > high) return Math.log(measured) - Math.log(high);
  return 0;
}

/**
 * Which hardware class a verified throughput (TFLOP/s on `datapath`) is consistent with.
 *
 * The class scored is the candidate whose expected throughput is nearest (in log space).
 * Classes with the same compute (H200 and H100 SXM, A100 80GB and 40GB) tie exactly, since
 * memory size is invisible to a throughput measurement; a tie goes to the lowest tier factor.
 * The claimed name is only reported, never trusted.
 */
export function identifyClass(
  measuredTflops: number,
  datapath: Datapath,
  claimedName?: string,
  options: BandOptions = {},
): ClassIdentification {
  if (!Number.isFinite(measuredTflops) || measuredTflops < 0) {
    throw new InvalidParamsError('a measured throughput must be finite and non-negative', { measuredTflops });
  }
  const claimed = claimedName === undefined ? undefined : classForName(claimedName);
  // A zero measurement is treated as the smallest positive number so its logarithm exists.
  const measured = Math.max(measuredTflops, Number.MIN_VALUE);
  const fits = GPU_CLASS_IDS.map((id, order) => {
    const band = classBand(id, datapath, options);
    const fit = Math.abs(Math.log(measured) - Math.log(band.expected));
    return { id, order, band, distance: logDistanceToBand(measured, band.low, band.high), fit };
  });
  const candidates = fits
    .filter((f) => f.distance === 0)
    .sort((a, b) => a.fit - b.fit || tierFactor(a.id) - tierFactor(b.id) || a.order - b.order)
    .map((f) => f.id);
  const claimConsistent = claimed !== undefined && candidates.includes(claimed);
  const claimNote =
    claimedName === undefined
      ? 'no device claimed'
      : claimed === undefined
        ? `claimed device ${JSON.stringify(claimedName.slice(0, 64))} is not in the catalogue`
        : claimConsistent
          ? `claimed ${claimed} is consistent`
          : `claimed ${claimed} is inconsistent with the measurement`;
  const measuredText = `${measuredTflops} TFLOP/s on ${datapath}`;

  if (candidates.length > 0) {
    const chosen = candidates[0]!;
    const among = candidates.length > 1 ? ` (best fit of ${candidates.join(', ')})` : '';
    return {
      class: chosen,
      candidates,
      ...(claimed !== undefined && { claimed }),
      claimConsistent,
      implausible: false,
      reason: `${measuredText} fits ${chosen}${among}; ${claimNote}`,
    };
  }
  const nearest = fits.reduce((best, f) => (f.distance < best.distance ? f : best)).id;
  const implausible = fits.every((f) => measuredTflops > f.band.high);
  const why = implausible ? 'is above every catalogued band (implausible)' : `fits no catalogued band; nearest is ${nearest}`;
  return {
    class: 'unknown',
    candidates,
    ...(claimed !== undefined && { claimed }),
    claimConsistent: false,
    nearest,
    implausible,
    reason: `${measuredText} ${why}; ${claimNote}`,
  };
}
