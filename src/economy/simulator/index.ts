export { simulateBurnAndMint } from './simulate';
export {
  economyConfigSchema,
  linearSeriesSchema,
  consumerClassSchema,
  parseEconomyConfig,
  referenceConsumers,
  type EconomyConfig,
  type EconomyConfigInput,
  type ConsumerClass,
  type LinearSeries,
} from './config';
export { deriveParameters } from './derive';
export { SeededRandom } from './prng';
export { summariseSimulation, type SimulationSummary } from './summary';
export type { DailySeries, DerivedParameters, FinalState, SimulationResult } from './result';
export { formatSimulationSummary } from './format-summary';
