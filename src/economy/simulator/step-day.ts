import { supplierBond, settleBond } from '../bond';
import {
  income,
  jobReward,
  nextDollarReserve,
  nextSupply,
  nextTokenReserve,
  phaseTwoSupplierReward,
  reserveTopUpTokens,
  supplierOnboardingFeeUsd,
  tokenDemand,
  tokenPrice,
  tokensPaid,
  usdBuybackCapital,
  usdCapital,
  usdDemandForService,
  validatorTokensPaid,
} from '../equations';
import { DegenerateMarketError } from '../errors';
import { sum } from '../sum';
import type { EconomyConfig } from './config';
import { drawJobs, drawLinear } from './demand';
import type { SeededRandom } from './prng';
import type { DailySeries, DerivedParameters } from './result';

/** The stocks carried from one day to the next. */
export interface EconomyState {
  supply: number;
  tokenReserve: number;
  dollarReserve: number;
  phaseTwoMinted: number;
  cumulativeJobRewards: number;
  suppliers: number;
  /** Income[0..t−1], for the onboarding fee's window. */
  incomeHistory: number[];
}

export type ScalarSeriesKey = Exclude<keyof DailySeries, 'jobsByConsumer' | 'usdDemandForService'>;

/** Everything recorded about one day. */
export interface DayRecord {
  scalars: Record<ScalarSeriesKey, number>;
  jobsByConsumer: number[];
  usdDemandForService: Record<string, number>;
}

/**
 * Advances the economy by day t: draws the day's demand, prices the token, pays suppliers and
 * validators from the token reserve, runs the buybacks and the reserve trigger, and moves
 * `state` to day t+1. The equations are in ../equations; this is their order.
 */
export function stepDay(c: EconomyConfig, d: DerivedParameters, state: EconomyState, t: number, rng: SeededRandom): DayRecord {
  const phase = t < c.phaseOneDays ? 1 : 2;

  // 1. Draws, in a fixed order: sentiment, governance, then each consumer class's jobs and failures.
  //    Consumers' jobs start with phase 2: a project "moves into Phase 2" when it attracts demand.
  const consumerSentiment = drawLinear(c.consumerSentiment, t, rng);
  const governanceValue = drawLinear(c.governanceValue, t, rng);
  const jobsByConsumer = c.consumers.map((k) => (phase === 2 ? drawJobs(k.demand, t - c.phaseOneDays, rng) : 0));
  const failedByConsumer = jobsByConsumer.map((jobs) => rng.binomial(jobs, c.validationFailureRate));
  const jobPrices = c.consumers.map((k) => k.jobPrice);
  const jobsCreated = sum(jobsByConsumer);
  const jobsFailed = sum(failedByConsumer);

  // 2. Income and its split (§Consumer Demand and Total Income, §Consumer Payment Mechanism).
  const demandForService = usdDemandForService(jobsByConsumer, jobPrices, c.consumers.map((k) => c.paymentMatrix[k.paymentRow]!));
  const incomeUsd = income(demandForService);
  const failedIncome = sum(failedByConsumer.map((n, i) => n * jobPrices[i]!));
  const validatedShare = incomeUsd > 0 ? (incomeUsd - failedIncome) / incomeUsd : 0;
  const fiatOperationsIncome = c.fiatOperationsFraction * incomeUsd;
  const netIncome = incomeUsd - fiatOperationsIncome;
  const buybackCapital = usdBuybackCapital(c.buybackModulation, netIncome);
  const capital = usdCapital(c.buybackModulation, netIncome);
  // Suppliers whose work fails validation are not paid; their share stays in the reserves.
  const usdSupplierPayments = capital * validatedShare;

  // 3. Suppliers: a linear ramp to the target during phase 1, then as many as demand needs.
  const wanted = phase === 1 ? Math.ceil((c.targetSuppliers * (t + 1)) / c.phaseOneDays) : Math.max(c.targetSuppliers, Math.ceil(jobsCreated / c.jobsPerSupplierPerDay));
  const suppliers = Math.max(state.suppliers, wanted);
  const newSuppliers = suppliers - state.suppliers;
  const windowIncome = sum(state.incomeHistory.slice(Math.max(0, t - c.onboardingWindowDays))) + incomeUsd;
  const onboardingFeeUsd = supplierOnboardingFeeUsd(c.onboardingModulation, windowIncome, suppliers);

  // 4. Token demand and price (§Calculating Token Demand, §Calculating Token Price). Bonds are
  //    posted on every job, BondModulation × JobPrice in USD.
  const demandTerms = {
    consumerSentiment,
    supplierOnboardingFees: newSuppliers * onboardingFeeUsd,
    supplierBondPurchases: c.bondModulation * incomeUsd,
    usdBuybackCapital: buybackCapital,
    governanceValue,
  };
  const demand = tokenDemand(demandTerms);
  if (!(state.supply > 0)) throw new DegenerateMarketError(`no tokens circulate on day ${t}, so the token has no price`, { day: t, supply: state.supply });
  if (!(demand > 0)) throw new DegenerateMarketError(`token demand is zero on day ${t}, so the token price is zero: give consumerSentiment a positive intercept`, { day: t });
  const price = tokenPrice(demand, state.supply);
  const buybackPrice = price * (1 + c.buybackPremium);

  // 5. Tokens bought on the market into the reserve: consumer buybacks (at P + ΔP), onboarding
  //    fees ("sent to the ChainOpera treasury") and bonds confiscated on failed validation.
  const consumerBuybackTokens = buybackCapital / buybackPrice;
  const onboardingFeePerSupplier = onboardingFeeUsd / price;
  const onboardingFeeTokens = newSuppliers * onboardingFeePerSupplier;
  const bonds = jobsByConsumer.map((jobs, i) => {
    const bond = supplierBond(c.bondModulation, jobPrices[i]!, price);
    return { posted: jobs * bond, confiscated: failedByConsumer[i]! * settleBond(bond, false).confiscated };
  });
  const bondTokensPosted = sum(bonds.map((b) => b.posted));
  const bondTokensConfiscated = sum(bonds.map((b) => b.confiscated));
  const marketTokensBought = consumerBuybackTokens + onboardingFeeTokens + bondTokensConfiscated;

  // 6. Payments out of the reserve, each capped by what it still holds.
  let available = state.tokenReserve + marketTokensBought;
  let reserveShortfallTokens = 0;
  const pay = (owed: number) => {
    const paid = Math.min(owed, available);
    available -= paid;
    reserveShortfallTokens += owed - paid;
    return paid;
  };
  const buybackPassThrough = pay(consumerBuybackTokens * validatedShare);
  const phaseOneTokensPaid = pay(phase === 1 ? d.phaseOneTokensPerDay : 0);
  const jobRewards = sum(jobsByConsumer.map((jobs, i) => (jobs - failedByConsumer[i]!) * jobReward(jobPrices[i]!, price, c.jobRewardModulation)));
  const phaseTwoEmission = pay(phaseTwoSupplierReward(d.phaseTwoMintAmount, state.phaseTwoMinted, jobRewards, d.phaseTwoModulation));
  const validationsCompleted = c.validationsPerJob * jobsCreated;
  const validatorPaid = pay(validatorTokensPaid(c.validationModulator, validationsCompleted));
  const supplierPaid = buybackPassThrough + phaseOneTokensPaid + phaseTwoEmission;
  const paid = tokensPaid(supplierPaid, validatorPaid);

  // 7. The reserve trigger: at or below the lower limit, buy back at market price up to the
  //    upper target, as far as the dollar reserve and the circulating supply allow.
  const reserveBeforeTopUp = state.tokenReserve + marketTokensBought - paid;
  const topUpWanted = reserveTopUpTokens(reserveBeforeTopUp, d.initialTokenReserve, c.lowerTokenReserveLimit, c.upperTokenReserveTarget);
  const dollarsAvailable = state.dollarReserve + incomeUsd - buybackCapital - usdSupplierPayments;
  const circulatingAvailable = state.supply + paid - marketTokensBought;
  const reserveTopUpTokensBought = Math.max(0, Math.min(topUpWanted, dollarsAvailable / price, circulatingAvailable));
  const reserveTopUpUsd = reserveTopUpTokensBought * price;

  // 8. The stocks (§Calculating Token Supply, Token Reserve, Dollar Reserve).
  const tokensBoughtBack = marketTokensBought + reserveTopUpTokensBought;
  const buybacksUsd = buybackCapital + reserveTopUpUsd;
  const scalars: DayRecord['scalars'] = {
    day: t,
    phase,
    supply: state.supply,
    tokenPrice: price,
    tokenReserve: state.tokenReserve,
    dollarReserve: state.dollarReserve,
    demand,
    consumerSentiment,
    governanceValue,
    supplierOnboardingFeesUsd: demandTerms.supplierOnboardingFees,
    supplierBondPurchasesUsd: demandTerms.supplierBondPurchases,
    jobsCreated,
    jobsFailed,
    income: incomeUsd,
    fiatOperationsIncome,
    usdBuybackCapital: buybackCapital,
    usdCapital: capital,
    usdSupplierPayments,
    buybacksUsd,
    reserveTopUpUsd,
    buybackPrice,
    tokensBoughtBack,
    consumerBuybackTokens,
    reserveTopUpTokens: reserveTopUpTokensBought,
    onboardingFeePerSupplier,
    onboardingFeeTokens,
    bondTokensPosted,
    bondTokensConfiscated,
    phaseOneTokensPaid,
    jobRewards,
    phaseTwoEmission,
    supplierTokensPaid: supplierPaid,
    validationsCompleted,
    validatorTokensPaid: validatorPaid,
    tokensPaid: paid,
    reserveShortfallTokens,
    suppliers,
    newSuppliers,
  };

  state.supply = nextSupply(state.supply, paid, tokensBoughtBack);
  state.tokenReserve = nextTokenReserve(state.tokenReserve, paid, tokensBoughtBack);
  state.dollarReserve = nextDollarReserve(state.dollarReserve, incomeUsd, buybacksUsd, usdSupplierPayments);
  state.phaseTwoMinted += phaseTwoEmission;
  state.cumulativeJobRewards += jobRewards;
  state.suppliers = suppliers;
  state.incomeHistory.push(incomeUsd);
  return { scalars, jobsByConsumer, usdDemandForService: demandForService };
}
