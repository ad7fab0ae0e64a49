export { runPogBench, REFERENCE_MAX_ROWS, type PogBenchOptions, type PogBenchReport } from './run-pog-bench';
export { validatorOps, validatorCostRatio } from './validator-cost';
export { medianMs } from './median-ms';
