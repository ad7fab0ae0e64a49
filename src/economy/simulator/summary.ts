import { sum as total } from '../sum';
import type { SimulationResult } from './result';

/** The headline numbers of a run. */
export interface SimulationSummary {
  days: number;
  phaseOneDays: number;
  seed: number;
  supply: { start: number; end: number };
  tokenPrice: { start: number; end: number; min: number; minDay: number; max: number; maxDay: number };
  tokenReserve: { start: number; end: number; min: number };
  dollarReserve: { start: number; end: number };
  totalIncome: number;
  totalJobs: number;
  /** Tokens taken out of circulation (bought back into the reserve), all sources. */
  totalTokensBoughtBack: number;
  totalConsumerBuybackTokens: number;
  totalOnboardingFeeTokens: number;
  totalBondTokensConfiscated: number;
  totalReserveTopUpTokens: number;
  reserveTopUpDays: number;
  totalTokensPaid: number;
  totalPhaseOneTokens: number;
  totalPhaseTwoEmission: number;
  totalValidatorTokens: number;
  finalSuppliers: number;
}

function extreme(values: readonly number[], better: (a: number, b: number) => boolean): { value: number; day: number } {
  let day = 0;
  values.forEach((v, i) => {
    if (better(v, values[day]!)) day = i;
  });
  return { value: values[day]!, day };
}

export function summariseSimulation(r: SimulationResult): SimulationSummary {
  const s = r.series;
  const min = extreme(s.tokenPrice, (a, b) => a < b);
  const max = extreme(s.tokenPrice, (a, b) => a > b);
  return {
    days: r.config.days,
    phaseOneDays: r.config.phaseOneDays,
    seed: r.config.seed,
    supply: { start: s.supply[0]!, end: r.final.supply },
    tokenPrice: { start: s.tokenPrice[0]!, end: s.tokenPrice[s.tokenPrice.length - 1]!, min: min.value, minDay: min.day, max: max.value, maxDay: max.day },
    tokenReserve: { start: s.tokenReserve[0]!, end: r.final.tokenReserve, min: Math.min(...s.tokenReserve, r.final.tokenReserve) },
    dollarReserve: { start: s.dollarReserve[0]!, end: r.final.dollarReserve },
    totalIncome: total(s.income),
    totalJobs: total(s.jobsCreated),
    totalTokensBoughtBack: total(s.tokensBoughtBack),
    totalConsumerBuybackTokens: total(s.consumerBuybackTokens),
    totalOnboardingFeeTokens: total(s.onboardingFeeTokens),
    totalBondTokensConfiscated: total(s.bondTokensConfiscated),
    totalReserveTopUpTokens: total(s.reserveTopUpTokens),
    reserveTopUpDays: s.reserveTopUpTokens.filter((v) => v > 0).length,
    totalTokensPaid: total(s.tokensPaid),
    totalPhaseOneTokens: total(s.phaseOneTokensPaid),
    totalPhaseTwoEmission: total(s.phaseTwoEmission),
    totalValidatorTokens: total(s.validatorTokensPaid),
    finalSuppliers: s.suppliers[s.suppliers.length - 1]!,
  };
}
