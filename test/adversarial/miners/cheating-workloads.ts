import type { RunWorkload } from '../../../src/miner';
import type { WorkloadRunner } from '../../../src/pog';

type Runner = Pick<WorkloadRunner, 'runWorkload'>;

/** Computes a cheaper datapath than the challenge asks for (fp16 for an fp32 challenge) and commits to it. */
export const wrongPrecision = (runner: Runner): RunWorkload => (seed, params) => runner.runWorkload(seed, { ...params, datapath: params.datapath === 'fp32' ? 'fp16' : 'fp32' });

/** Skips the last layer of the chain: (T−1)/T of the work, committed as if it were all of it. */
export const skippedLayer = (runner: Runner): RunWorkload => (seed, params) => runner.runWorkload(seed, { ...params, depth: Math.max(1, params.depth - 1) });

/** Answers every challenge with the output of work done before the window (another seed's): replayed work. */
export async function replayedWork(runner: Runner, params: Parameters<RunWorkload>[1]): Promise<RunWorkload> {
  const earlier = await runner.runWorkload(new Uint8Array(32).fill(7), params);
  return async () => ({ ...earlier, output: earlier.output.slice() });
}

/** Commits at once, before doing any work (all-zero rows), hoping the audit never looks. */
export const earlyCommitment = (): RunWorkload => async (_seed, params) => ({
  output: new Float32Array(params.rows * params.headWidth),
  timings: { generateAndComputeMs: 0, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 0 },
});
