import type { DevnetBenchReport } from './devnet-bench';

const f = (x: number, d = 2) => x.toFixed(d);

export function formatDevnetBench(r: DevnetBenchReport): string {
  return [
    `devnet empty block        ${f(r.emptyBlockMs, 3)} ms = ${f(r.emptyBlockVsHeaderHash, 1)}× one header hash (${f(r.headerHashMs, 3)} ms); ${f(r.emptyBlockShareOfBlockTime * 100, 3)}% of a 1 s block`,
    `devnet set_weights        ${f(r.setWeightsPerSecond, 0)} extrinsics/s (64 validators × 256 weights) = ${f(r.setWeightsVsTransfers)}× transfers (${f(r.transfersPerSecond, 0)}/s)`,
    `devnet 256-neuron subnet  ${f(r.subnetHeapMiB, 1)} MiB of heap for ${f(r.subnetStateMiB, 2)} MiB of state = ${f(r.heapVsStateBytes, 1)}× its bytes`,
    '',
  ].join('\n');
}
