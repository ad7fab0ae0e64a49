export { runPogBench, type PogBenchOptions, type PogBenchReport } from './run-pog-bench';
export { validatorOps, validatorCostRatio } from './validator-cost';
export { medianMs } from './median-ms';
