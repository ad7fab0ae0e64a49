import type { EconomyConfig } from './config';

/**
 * One value per simulated day t = 0..days−1. Stocks (supply, tokenReserve, dollarReserve) are
 * the start-of-day values the day's equations use; the state after the last day is in
 * SimulationResult.final. Tokens are token units, money is USD.
 */
export interface DailySeries {
  day: number[];
  /** 1 while t < phaseOneDays, then 2. */
  phase: number[];

  /** Supply[t]: circulating tokens. */
  supply: number[];
  /** PriceOfToken[t] = Demand[t] / Supply[t]. */
  tokenPrice: number[];
  /** TokenReserve[t]: the project's Ops-Fund tokens held on chain. */
  tokenReserve: number[];
  /** DollarReserve[t]. */
  dollarReserve: number[];

  /** Demand[t] and its terms (USD). */
  demand: number[];
  consumerSentiment: number[];
  governanceValue: number[];
  supplierOnboardingFeesUsd: number[];
  supplierBondPurchasesUsd: number[];

  /** Jobs created, and the part that failed validation. */
  jobsCreated: number[];
  jobsFailed: number[];
  /** Income[t] = Σ_k USDDemandForService[k]. */
  income: number[];
  /** The ChainOpera Fiat Operations Fraction of income, kept in the dollar reserve. */
  fiatOperationsIncome: number[];
  usdBuybackCapital: number[];
  usdCapital: number[];
  /** USD paid to suppliers of validated jobs: USDCapital × validated share. */
  usdSupplierPayments: number[];
  /** BuyBacksUSD[t]: consumer buybacks plus reserve top-ups. */
  buybacksUsd: number[];
  reserveTopUpUsd: number[];
  /** PriceOfToken + ΔPriceOfToken: what a consumer buyback pays per token. */
  buybackPrice: number[];

  /** Every token taken out of circulation that day (into the token reserve). */
  tokensBoughtBack: number[];
  consumerBuybackTokens: number[];
  reserveTopUpTokens: number[];
  /** SupplierOnboardingFee_k[t] (tokens per new supplier) and the day's total. */
  onboardingFeePerSupplier: number[];
  onboardingFeeTokens: number[];
  /** Bonds posted on the day's jobs and the part confiscated on failed validation (tokens). */
  bondTokensPosted: number[];
  bondTokensConfiscated: number[];

  phaseOneTokensPaid: number[];
  /** Σ_j JobReward[j] over validated jobs. */
  jobRewards: number[];
  /** Σ_j Phase2SupplierReward[j]. */
  phaseTwoEmission: number[];
  supplierTokensPaid: number[];
  validationsCompleted: number[];
  validatorTokensPaid: number[];
  /** TokensPaid[t] = SupplierTokensPaid[t] + ValidatorTokensPaid[t]. */
  tokensPaid: number[];
  /** Tokens owed (emission or validators) that the reserve could not pay. */
  reserveShortfallTokens: number[];

  suppliers: number[];
  newSuppliers: number[];
  /** JobCreated_t[i] per consumer class name. */
  jobsByConsumer: Record<string, number[]>;
  /** USDDemandForService[k] per supplier type. */
  usdDemandForService: Record<string, number[]>;
}

/** Quantities fixed by the configuration before day 0. */
export interface DerivedParameters {
  initialTokenReserve: number;
  initialCirculatingSupply: number;
  phaseOneTokensForProject: number;
  phaseOneTokensPerDay: number;
  phaseTwoMintAmount: number;
  phaseTwoModulation: number;
}

export interface FinalState {
  supply: number;
  tokenReserve: number;
  dollarReserve: number;
  phaseTwoMinted: number;
  cumulativeJobRewards: number;
}

export interface SimulationResult {
  config: EconomyConfig;
  derived: DerivedParameters;
  series: DailySeries;
  final: FinalState;
}
