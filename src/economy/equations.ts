import { InvalidEconomyInputError } from './errors';
import { sum } from './sum';

/**
 * The burn-and-mint equilibrium model's equations (seed 004), one pure function each, named
 * after the seed's variables. The simulator composes them; nothing here keeps state.
 */

function requireFinite(name: string, value: number, min = -Infinity): void {
  if (!Number.isFinite(value) || value < min) {
    throw new InvalidEconomyInputError(`${name} must be a finite number${min > -Infinity ? ` ≥ ${min}` : ''}, got ${value}`, { [name]: value });
  }
}

function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new InvalidEconomyInputError(`${name} must be a positive number, got ${value}`, { [name]: value });
}

/** The token amounts a project gets from the Ops Fund. */
export interface ProjectTokens {
  /** The project's share of the Ops Fund: its token reserve at t = 0. */
  opsFundForProject: number;
  /** §Phase 1: PhaseOneTokensForProject[p] = FracPhaseOneTokens × OpsFund × MaxTokenSupply / N_project. */
  phaseOneTokensForProject: number;
  /** §Phase 2 Emissions: PhaseTwoMintAmount, the Ops Fund's remainder (1 − FracPhaseOneTokens). */
  phaseTwoMintAmount: number;
}

export function projectTokens(maxTokenSupply: number, opsFundFraction: number, projects: number, fracPhaseOneTokens: number): ProjectTokens {
  requirePositive('maxTokenSupply', maxTokenSupply);
  requirePositive('projects', projects);
  requireFinite('opsFundFraction', opsFundFraction, 0);
  requireFinite('fracPhaseOneTokens', fracPhaseOneTokens, 0);
  const opsFundForProject = (opsFundFraction * maxTokenSupply) / projects;
  return {
    opsFundForProject,
    phaseOneTokensForProject: (fracPhaseOneTokens * opsFundFraction * maxTokenSupply) / projects,
    phaseTwoMintAmount: ((1 - fracPhaseOneTokens) * opsFundFraction * maxTokenSupply) / projects,
  };
}

/** §Phase 2 Job Rewards: JobReward[j] = (JobPrice[i] / PriceOfToken[t]) / JobRewardModulation, in tokens. */
export function jobReward(jobPrice: number, tokenPrice: number, jobRewardModulation: number): number {
  requireFinite('jobPrice', jobPrice, 0);
  requirePositive('tokenPrice', tokenPrice);
  requirePositive('jobRewardModulation', jobRewardModulation);
  return jobPrice / tokenPrice / jobRewardModulation;
}

/**
 * §Phase 2 Emissions: the reward for job rewards R, taking "the total amount of tokens that will
 * be minted in phase 2 … and subtract[ing] away the rewards that have already been minted", with
 * exponential decay modulated by Phase2Modulation:
 *   Phase2SupplierReward = (PhaseTwoMintAmount − Minted) × (1 − exp(−R / Phase2Modulation)).
 * Applied job by job or to a day's summed R, the result is the same (see phaseTwoMintedAfter).
 */
export function phaseTwoSupplierReward(phaseTwoMintAmount: number, alreadyMinted: number, jobRewards: number, phaseTwoModulation: number): number {
  requireFinite('phaseTwoMintAmount', phaseTwoMintAmount, 0);
  requireFinite('alreadyMinted', alreadyMinted, 0);
  requireFinite('jobRewards', jobRewards, 0);
  requirePositive('phaseTwoModulation', phaseTwoModulation);
  return Math.max(0, phaseTwoMintAmount - alreadyMinted) * -Math.expm1(-jobRewards / phaseTwoModulation);
}

/** The emission curve of the seed's figure: tokens minted after cumulative job rewards R, M·(1 − exp(−R/Φ)). */
export function phaseTwoMintedAfter(phaseTwoMintAmount: number, cumulativeJobRewards: number, phaseTwoModulation: number): number {
  return phaseTwoSupplierReward(phaseTwoMintAmount, 0, cumulativeJobRewards, phaseTwoModulation);
}

/**
 * §Consumer Demand and Total Income: USDDemandForService[k] = Σ_i NumConsumer[i] × JobPrice[i] × PriceMatrix[i, k].
 * PriceMatrix holds the split of each dollar, so the job price is the factor that makes it USD.
 */
export function usdDemandForService(
  jobsByConsumer: readonly number[],
  jobPrices: readonly number[],
  paymentRows: ReadonlyArray<Readonly<Record<string, number>>>,
): Record<string, number> {
  const demand: Record<string, number> = {};
  jobsByConsumer.forEach((jobs, i) => {
    for (const [supplier, share] of Object.entries(paymentRows[i] ?? {})) demand[supplier] = (demand[supplier] ?? 0) + jobs * jobPrices[i]! * share;
  });
  return demand;
}

/** §Consumer Demand and Total Income: Income[t] = Σ_k USDDemandForService[k]. */
export function income(demandForService: Readonly<Record<string, number>>): number {
  return sum(Object.values(demandForService));
}

/** §Consumer Payment Mechanism: USDBuybackCapital[t] = BuybackModulation × income. */
export function usdBuybackCapital(buybackModulation: number, incomeUsd: number): number {
  return buybackModulation * incomeUsd;
}

/** §Consumer Payment Mechanism: USDCapital[t] = (1 − BuybackModulation) × income. */
export function usdCapital(buybackModulation: number, incomeUsd: number): number {
  return (1 - buybackModulation) * incomeUsd;
}

/** §Supplier Payment Mechanism: SupplierTokensPaid[t] = BuyBacksUSD[t] / (PriceOfToken[t] + ΔPriceOfToken[t]) + Σ_j Phase2SupplierReward[j]. */
export function supplierTokensPaid(buybacksUsd: number, tokenPrice: number, deltaPrice: number, phaseTwoRewards: number): number {
  return buybacksUsd / (tokenPrice + deltaPrice) + phaseTwoRewards;
}

/** §Validator Token Payments: ValidatorTokensPaid[t] = ValidationModulator × Σ_v ValidationsCompleted[v]. */
export function validatorTokensPaid(validationModulator: number, validationsCompleted: number): number {
  return validationModulator * validationsCompleted;
}

/** §Calculating Total Tokens Paid: TokensPaid[t] = SupplierTokensPaid[t] + ValidatorTokensPaid[t]. */
export function tokensPaid(supplierTokens: number, validatorTokens: number): number {
  return supplierTokens + validatorTokens;
}

/**
 * §Calculating Token Supply: Supply[t+1] = Supply[t] + TokensPaid[t] − BuyBacksUSD[t] / (PriceOfToken[t] + ΔPriceOfToken[t]).
 * `tokensBoughtBack` is every token leaving circulation that day; with only consumer buybacks it
 * is the seed's BuyBacksUSD / (P + ΔP).
 */
export function nextSupply(supply: number, paid: number, tokensBoughtBack: number): number {
  return supply + paid - tokensBoughtBack;
}

/** §Calculating Token Reserve: TokenReserve[t+1] = TokenReserve[t] − TokensPaid[t] + BuyBacksUSD[t] / (PriceOfToken[t] + ΔPriceOfToken[t]). */
export function nextTokenReserve(tokenReserve: number, paid: number, tokensBoughtBack: number): number {
  return tokenReserve - paid + tokensBoughtBack;
}

/**
 * §Calculating Dollar Reserve: DollarReserve[t+1] = DollarReserve[t] + Income[t] − BuyBacksUSD[t],
 * less the USD the reserve pays suppliers directly (USDCapital of validated jobs), which the
 * seed's equation leaves out (it is 0 when BuybackModulation = 1).
 */
export function nextDollarReserve(dollarReserve: number, incomeUsd: number, buybacksUsd: number, usdSupplierPayments: number): number {
  return dollarReserve + incomeUsd - buybacksUsd - usdSupplierPayments;
}

/** The USD terms of §Calculating Token Demand. */
export interface TokenDemand {
  consumerSentiment: number;
  supplierOnboardingFees: number;
  supplierBondPurchases: number;
  usdBuybackCapital: number;
  governanceValue: number;
}

/** §Calculating Token Demand: Demand[t] = ConsumerSentiment + Σ_k OnboardingFees + Σ_k BondPurchases + USDBuybackCapital + GovernanceValue. */
export function tokenDemand(d: TokenDemand): number {
  return d.consumerSentiment + d.supplierOnboardingFees + d.supplierBondPurchases + d.usdBuybackCapital + d.governanceValue;
}

/** §Calculating Token Price: PriceOfToken[t] = Demand[t] / Supply[t]. */
export function tokenPrice(demand: number, supply: number): number {
  requirePositive('supply', supply);
  requireFinite('demand', demand, 0);
  return demand / supply;
}

/**
 * §Supplier Onboarding Fee, in USD: OnboardingModulation × Σ_{t−W..t} PlatformIncome / Σ_{t−W..t} Suppliers,
 * the window's suppliers counted once each (the seed's "total number of suppliers active … during
 * the last t − W days"). Divide by PriceOfToken[t] for the fee in tokens.
 */
export function supplierOnboardingFeeUsd(onboardingModulation: number, windowIncome: number, windowSuppliers: number): number {
  requirePositive('windowSuppliers', windowSuppliers);
  return (onboardingModulation * windowIncome) / windowSuppliers;
}

/** §Supplier Onboarding Fee: SupplierOnboardingFee_k[t] in tokens. */
export function supplierOnboardingFee(onboardingModulation: number, windowIncome: number, windowSuppliers: number, price: number): number {
  requirePositive('tokenPrice', price);
  return supplierOnboardingFeeUsd(onboardingModulation, windowIncome, windowSuppliers) / price;
}

/**
 * §Validator Token Payments and Periodic Token Buy-Backs: once the reserve holds only the lower
 * limit (10%) of its initial tokens, buy back at market price up to the upper target (20%).
 * Returns the tokens to buy (0 above the limit).
 */
export function reserveTopUpTokens(tokenReserve: number, initialTokenReserve: number, lowerLimit: number, upperTarget: number): number {
  if (tokenReserve > lowerLimit * initialTokenReserve) return 0;
  return Math.max(0, upperTarget * initialTokenReserve - tokenReserve);
}
