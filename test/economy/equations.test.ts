import {
  InvalidEconomyInputError,
  income,
  jobReward,
  nextDollarReserve,
  nextSupply,
  nextTokenReserve,
  phaseTwoMintedAfter,
  phaseTwoSupplierReward,
  projectTokens,
  reserveTopUpTokens,
  supplierOnboardingFee,
  supplierOnboardingFeeUsd,
  supplierTokensPaid,
  tokenDemand,
  tokenPrice,
  tokensPaid,
  usdBuybackCapital,
  usdCapital,
  usdDemandForService,
  validatorTokensPaid,
} from '../../src/economy';
import { expectClose } from './close';

describe('burn-and-mint equations (seed 004)', () => {
  it('Phase 1 tokens per project: Frac × 0.60 × MaxTokenSupply / N_project', () => {
    const t = projectTokens(1e9, 0.6, 300, 0.6);
    expect(t.opsFundForProject).toBeCloseTo(2_000_000, 6);
    expect(t.phaseOneTokensForProject).toBeCloseTo(1_200_000, 6);
    expect(t.phaseTwoMintAmount).toBeCloseTo(800_000, 6);
    expect(projectTokens(1e9, 0.6, 1, 0.6).phaseOneTokensForProject).toBeCloseTo(360_000_000, 3);
  });

  it('JobReward = JobPrice / PriceOfToken / JobRewardModulation', () => {
    expect(jobReward(60, 0.5, 10)).toBe(12);
    expect(jobReward(25.2, 0.002, 10)).toBeCloseTo(1260, 9);
    expect(() => jobReward(60, 0, 10)).toThrow(InvalidEconomyInputError);
  });

  it('Phase-2 emission decays exponentially: (M − minted)(1 − e^(−R/Φ)), the same job by job or summed', () => {
    const M = 10_000;
    const phi = 10_000;
    expectClose(phaseTwoSupplierReward(M, 0, 1000, phi), M * (1 - Math.exp(-0.1)));
    // Job by job equals the day's total at once, and the cumulative curve M(1 − e^(−R/Φ)).
    let minted = 0;
    for (const r of [100, 250, 400, 250]) minted += phaseTwoSupplierReward(M, minted, r, phi);
    expectClose(minted, phaseTwoMintedAfter(M, 1000, phi), 1e-12);
    expectClose(minted, phaseTwoSupplierReward(M, 0, 1000, phi), 1e-12);
    // Nothing is minted beyond the budget.
    expect(phaseTwoSupplierReward(M, M, 500, phi)).toBe(0);
    expect(phaseTwoMintedAfter(M, 1e9, phi)).toBeLessThanOrEqual(M);
  });

  it('with Φ = M the first jobs earn their JobReward again as emission: the seed\'s "roughly 10% extra"', () => {
    const M = 800_000;
    const reward = jobReward(60, 0.01, 10); // 600 tokens = 10% of the job's price in tokens
    expect(phaseTwoSupplierReward(M, 0, reward, M) / reward).toBeGreaterThan(0.999);
    // Halfway through the budget the same job earns half as much.
    expect(phaseTwoSupplierReward(M, M / 2, reward, M) / reward).toBeCloseTo(0.5, 3);
  });

  it('USDDemandForService splits each job price along its PriceMatrix row; Income sums them', () => {
    const rows: Array<Record<string, number>> = [{ 'Data Annotators': 1 }, { 'Model Training Providers': 0.85, 'Model Inference Providers': 0.15 }];
    const demand = usdDemandForService([10, 4], [60, 100], rows);
    expect(demand).toEqual({ 'Data Annotators': 600, 'Model Training Providers': 340, 'Model Inference Providers': 60 });
    expect(income(demand)).toBe(1000);
  });

  it('buyback capital and USD capital split income by BuybackModulation', () => {
    expect(usdBuybackCapital(0.3, 1000)).toBe(300);
    expect(usdCapital(0.3, 1000)).toBe(700);
    expect(usdBuybackCapital(0, 1000)).toBe(0);
    expect(usdCapital(1, 1000)).toBe(0);
  });

  it('token payments: supplier = BuyBacksUSD/(P + ΔP) + emission; validator = ValidationModulator × validations; total = sum', () => {
    expect(supplierTokensPaid(1000, 0.5, 0.5, 30)).toBe(1030);
    expect(validatorTokensPaid(50, 12)).toBe(600);
    expect(tokensPaid(1030, 600)).toBe(1630);
  });

  it('supply, token reserve and dollar reserve update equations', () => {
    expect(nextSupply(1000, 50, 20)).toBe(1030);
    expect(nextTokenReserve(500, 50, 20)).toBe(470);
    // Tokens only move between circulation and the reserve.
    expect(nextSupply(1000, 50, 20) + nextTokenReserve(500, 50, 20)).toBe(1500);
    expect(nextDollarReserve(100, 1000, 350, 350)).toBe(400);
  });

  it('demand sums its five sources; price = Demand / Supply', () => {
    const demand = tokenDemand({ consumerSentiment: 100, supplierOnboardingFees: 20, supplierBondPurchases: 30, usdBuybackCapital: 40, governanceValue: 10 });
    expect(demand).toBe(200);
    expect(tokenPrice(demand, 400)).toBe(0.5);
    expect(() => tokenPrice(200, 0)).toThrow(InvalidEconomyInputError);
  });

  it('onboarding fee: OnboardingModulation × window income / window suppliers / price', () => {
    expect(supplierOnboardingFeeUsd(0.1, 7000, 10)).toBeCloseTo(70, 12);
    expect(supplierOnboardingFee(0.1, 7000, 10, 0.5)).toBeCloseTo(140, 12);
    expect(() => supplierOnboardingFeeUsd(0.1, 7000, 0)).toThrow(InvalidEconomyInputError);
  });

  it('the reserve trigger buys back to 20% only once the reserve is at or below 10%', () => {
    expect(reserveTopUpTokens(100_001, 1_000_000, 0.1, 0.2)).toBe(0);
    expect(reserveTopUpTokens(150_000, 1_000_000, 0.1, 0.2)).toBe(0);
    expect(reserveTopUpTokens(100_000, 1_000_000, 0.1, 0.2)).toBe(100_000);
    expect(reserveTopUpTokens(30_000, 1_000_000, 0.1, 0.2)).toBe(170_000);
  });
});
