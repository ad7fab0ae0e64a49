import type { LinearSeries } from './config';
import type { SeededRandom } from './prng';

/**
 * One day's value of a linear series with Gaussian noise, intercept + slope·τ + noiseSd·z, floored
 * at 0 (demand is never negative). One normal is drawn even when noiseSd is 0, so the PRNG stream,
 * and with it every other series, does not shift when a noise level is switched off.
 */
export function drawLinear(series: LinearSeries, tau: number, rng: SeededRandom): number {
  const z = rng.normal();
  return Math.max(0, series.intercept + series.slope * tau + series.noiseSd * z);
}

/** Jobs created on one day: the linear series rounded to a whole number of jobs. */
export function drawJobs(series: LinearSeries, tau: number, rng: SeededRandom): number {
  return Math.round(drawLinear(series, tau, rng));
}
