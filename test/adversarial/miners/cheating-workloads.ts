import type { RunWorkload } from '../../../src/miner';
import type { WorkloadRunner } from '../../../src/pog';

type Runner = Pick<WorkloadRunner, 'runWorkload'>;

/** Computes a cheaper datapath than the challenge asks for (fp16 for an fp32 challenge) and commits to it. */
export const wrongPrecision = (runner: Runner): RunWorkload => (seed, params) => runner.runWorkload(seed, { ...params, datapath: params.datapath === 'fp32' ? 'fp16' : 'fp32' });

/** Skips the last layer of the chain: (T−1)/T of the work, committed as if it were all of it. */
export const skippedLayer = (runner: Runner): RunWorkload => (seed, params) => runner.runWorkload(seed, { ...params, depth: Math.max(1, params.depth - 1) });

/** Computes the first challenge honestly and answers every later one with that same output (replayed work). */
export function replayedWork(runner: Runner): RunWorkload {
  let first: ReturnType<RunWorkload> | undefined;
  return async (seed, params) => {
    first ??= runner.runWorkload(seed, params);
    const result = await first;
    return { ...result, output: result.output.slice() };
  };
}

/** Commits at once, before doing any work (all-zero rows), hoping the audit never looks. */
export const earlyCommitment = (): RunWorkload => async (_seed, params) => ({
  output: new Float32Array(params.rows * params.headWidth),
  timings: { generateAndComputeMs: 0, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 0 },
});
