import { parseEconomyConfig, type EconomyConfigInput } from './config';
import { deriveParameters } from './derive';
import { SeededRandom } from './prng';
import type { DailySeries, SimulationResult } from './result';
import { stepDay, type EconomyState, type ScalarSeriesKey } from './step-day';

/**
 * Runs the burn-and-mint equilibrium model (seed 004) day by day. Deterministic and pure: the
 * only randomness is a PRNG seeded from `config.seed`, so the same configuration gives the same
 * result, bit for bit. The input is validated (and its defaults filled) by economyConfigSchema;
 * `simulateBurnAndMint()` is the seed's reference scenario.
 */
export function simulateBurnAndMint(input: EconomyConfigInput = {}): SimulationResult {
  const config = parseEconomyConfig(input);
  const derived = deriveParameters(config);
  const rng = new SeededRandom(config.seed);
  const state: EconomyState = {
    supply: derived.initialCirculatingSupply,
    tokenReserve: derived.initialTokenReserve,
    dollarReserve: config.initialDollarReserve,
    phaseTwoMinted: 0,
    cumulativeJobRewards: 0,
    suppliers: 0,
    incomeHistory: [],
  };

  const scalars = {} as Record<ScalarSeriesKey, number[]>;
  const jobsByConsumer: Record<string, number[]> = Object.fromEntries(config.consumers.map((k) => [k.name, []]));
  const supplierTypes = [...new Set(config.consumers.flatMap((k) => Object.keys(config.paymentMatrix[k.paymentRow]!)))];
  const usdDemandForService: Record<string, number[]> = Object.fromEntries(supplierTypes.map((k) => [k, []]));

  for (let t = 0; t < config.days; t++) {
    const day = stepDay(config, derived, state, t, rng);
    for (const [key, value] of Object.entries(day.scalars) as Array<[ScalarSeriesKey, number]>) (scalars[key] ??= []).push(value);
    config.consumers.forEach((k, i) => jobsByConsumer[k.name]!.push(day.jobsByConsumer[i]!));
    for (const k of supplierTypes) usdDemandForService[k]!.push(day.usdDemandForService[k] ?? 0);
  }

  const series: DailySeries = { ...scalars, jobsByConsumer, usdDemandForService };
  return {
    config,
    derived,
    series,
    final: {
      supply: state.supply,
      tokenReserve: state.tokenReserve,
      dollarReserve: state.dollarReserve,
      phaseTwoMinted: state.phaseTwoMinted,
      cumulativeJobRewards: state.cumulativeJobRewards,
    },
  };
}
