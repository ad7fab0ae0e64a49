import { ConfigError } from '../../src/config';
import {
  DegenerateMarketError,
  InvalidEconomyConfigError,
  phaseTwoMintedAfter,
  simulateBurnAndMint,
  type EconomyConfigInput,
  type SimulationResult,
} from '../../src/economy';
import { expectClose, sum } from './close';

/** A stock's value at the start of day t + 1 (the final state after the last day). */
function next(r: SimulationResult, key: 'supply' | 'tokenReserve' | 'dollarReserve', t: number): number {
  return t + 1 < r.config.days ? r.series[key][t + 1]! : r.final[key];
}

const days = (r: SimulationResult) => r.series.day;

describe('simulateBurnAndMint: the reference scenario', () => {
  const r = simulateBurnAndMint();
  const s = r.series;

  it('has the seed\'s setup: 180 days, phase 1 = 30 days, a 2 M token reserve, the job cost table', () => {
    expect(s.day).toHaveLength(180);
    expect(s.phase.filter((p) => p === 1)).toHaveLength(30);
    expect(s.tokenReserve[0]).toBeCloseTo(2_000_000, 6);
    expect(r.derived.phaseOneTokensForProject).toBeCloseTo(1_200_000, 6); // "Phase 1 mints out 60%"
    expect(r.derived.phaseTwoMintAmount).toBeCloseTo(800_000, 6);
    expect(r.config.consumers.map((k) => [k.name, k.jobPrice])).toEqual([
      ['Image Labeling', 60],
      ['TPU Training', 54],
      ['GPU Training', 25.2],
      ['Inference', 30],
    ]);
    for (const key of Object.keys(s) as Array<keyof typeof s>) {
      const value = s[key];
      for (const v of Array.isArray(value) ? [value] : Object.values(value)) {
        expect(v).toHaveLength(180);
        expect(v.every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('Supply[t+1] = Supply[t] + TokensPaid[t] − tokens bought back[t], every day', () => {
    for (const t of days(r)) expectClose(next(r, 'supply', t), s.supply[t]! + s.tokensPaid[t]! - s.tokensBoughtBack[t]!, 1e-9, `day ${t}`);
  });

  it('bought back = BuyBacksUSD/(P + ΔP) for consumers + onboarding fees + confiscated bonds + top-ups at P', () => {
    for (const t of days(r)) {
      const p = s.tokenPrice[t]!;
      expectClose(s.buybackPrice[t]!, p * (1 + r.config.buybackPremium), 1e-12);
      expectClose(s.consumerBuybackTokens[t]!, s.usdBuybackCapital[t]! / s.buybackPrice[t]!, 1e-12);
      expectClose(s.reserveTopUpTokens[t]!, s.reserveTopUpUsd[t]! / p, 1e-9);
      expectClose(s.buybacksUsd[t]!, s.usdBuybackCapital[t]! + s.reserveTopUpUsd[t]!, 1e-12);
      expectClose(s.tokensBoughtBack[t]!, s.consumerBuybackTokens[t]! + s.onboardingFeeTokens[t]! + s.bondTokensConfiscated[t]! + s.reserveTopUpTokens[t]!, 1e-12);
    }
  });

  it('TokenReserve[t+1] = TokenReserve[t] − TokensPaid[t] + bought back[t]; supply + reserve is conserved', () => {
    const total = s.supply[0]! + s.tokenReserve[0]!;
    for (const t of days(r)) {
      expectClose(next(r, 'tokenReserve', t), s.tokenReserve[t]! - s.tokensPaid[t]! + s.tokensBoughtBack[t]!, 1e-9, `day ${t}`);
      expectClose(next(r, 'supply', t) + next(r, 'tokenReserve', t), total, 1e-9, `day ${t}`);
    }
  });

  it('DollarReserve[t+1] = DollarReserve[t] + Income[t] − BuyBacksUSD[t] − USD paid to suppliers[t]', () => {
    for (const t of days(r)) {
      expectClose(next(r, 'dollarReserve', t), s.dollarReserve[t]! + s.income[t]! - s.buybacksUsd[t]! - s.usdSupplierPayments[t]!, 1e-9, `day ${t}`);
      expect(next(r, 'dollarReserve', t)).toBeGreaterThanOrEqual(0);
    }
  });

  it('income: Σ_k USDDemandForService = Σ_i jobs × price; 30% to operations; the rest split by BuybackModulation', () => {
    const bm = r.config.buybackModulation;
    for (const t of days(r)) {
      const byConsumer = sum(r.config.consumers.map((k) => s.jobsByConsumer[k.name]![t]! * k.jobPrice));
      expectClose(s.income[t]!, byConsumer, 1e-12);
      expectClose(sum(Object.values(s.usdDemandForService).map((v) => v[t]!)), byConsumer, 1e-12);
      expectClose(s.fiatOperationsIncome[t]!, 0.3 * s.income[t]!, 1e-12);
      expectClose(s.usdBuybackCapital[t]!, bm * 0.7 * s.income[t]!, 1e-12);
      expectClose(s.usdCapital[t]!, (1 - bm) * 0.7 * s.income[t]!, 1e-12);
    }
  });

  it('price = Demand / Supply, and demand is the sum of its five sources', () => {
    for (const t of days(r)) {
      expectClose(s.demand[t]!, s.consumerSentiment[t]! + s.supplierOnboardingFeesUsd[t]! + s.supplierBondPurchasesUsd[t]! + s.usdBuybackCapital[t]! + s.governanceValue[t]!, 1e-12);
      expectClose(s.tokenPrice[t]!, s.demand[t]! / s.supply[t]!, 1e-12);
      expectClose(s.supplierBondPurchasesUsd[t]!, r.config.bondModulation * s.income[t]!, 1e-12);
    }
  });

  it('phase 1 pays PhaseOneTokensForProject in equal daily amounts; consumer jobs start with phase 2', () => {
    for (const t of days(r)) {
      if (s.phase[t] === 1) {
        expectClose(s.phaseOneTokensPaid[t]!, 40_000, 1e-12);
        expect(s.jobsCreated[t]).toBe(0);
        expect(s.phaseTwoEmission[t]).toBe(0);
      } else {
        expect(s.phaseOneTokensPaid[t]).toBe(0);
        expect(s.jobsCreated[t]).toBeGreaterThan(0);
      }
    }
    expectClose(sum(s.phaseOneTokensPaid), 1_200_000, 1e-12);
    // Phase 1 is inflationary: supply rises and, with flat sentiment, the price falls.
    for (let t = 0; t < 29; t++) {
      expect(s.supply[t + 1]!).toBeGreaterThan(s.supply[t]!);
      expect(s.tokenPrice[t + 1]!).toBeLessThan(s.tokenPrice[t]!);
    }
  });

  it('supplier and validator payments: SupplierTokensPaid = validated buybacks/(P + ΔP) + emission; ValidatorTokensPaid = ValidationModulator × validations', () => {
    expect(s.reserveShortfallTokens.every((v) => v === 0)).toBe(true);
    for (const t of days(r)) {
      const validatedShare = s.income[t]! > 0 ? 1 - s.bondTokensConfiscated[t]! / s.bondTokensPosted[t]! : 0;
      expectClose(s.supplierTokensPaid[t]!, s.phaseOneTokensPaid[t]! + s.consumerBuybackTokens[t]! * validatedShare + s.phaseTwoEmission[t]!, 1e-9, `day ${t}`);
      expect(s.validationsCompleted[t]).toBe(s.jobsCreated[t]);
      expectClose(s.validatorTokensPaid[t]!, 50 * s.jobsCreated[t]!, 1e-12);
      expectClose(s.tokensPaid[t]!, s.supplierTokensPaid[t]! + s.validatorTokensPaid[t]!, 1e-12);
      expectClose(s.usdSupplierPayments[t]!, s.usdCapital[t]! * validatedShare, 1e-9);
    }
  });

  it('phase-2 emission follows M(1 − e^(−ΣJobReward/Φ)) and never exceeds PhaseTwoMintAmount', () => {
    let jobRewards = 0;
    let minted = 0;
    for (const t of days(r)) {
      const validatedUsd = s.income[t]! * (s.income[t]! > 0 ? 1 - s.bondTokensConfiscated[t]! / s.bondTokensPosted[t]! : 0);
      expectClose(s.jobRewards[t]!, validatedUsd / s.tokenPrice[t]! / 10, 1e-9, `JobReward day ${t}`);
      jobRewards += s.jobRewards[t]!;
      minted += s.phaseTwoEmission[t]!;
      expectClose(minted, phaseTwoMintedAfter(800_000, jobRewards, 800_000), 1e-9, `emission day ${t}`);
      expect(s.phaseTwoEmission[t]!).toBeLessThanOrEqual(s.jobRewards[t]! * (1 + 1e-12));
    }
    expectClose(r.final.phaseTwoMinted, minted, 1e-12);
    expect(minted).toBeLessThanOrEqual(800_000);
  });

  it('bonds: BondModulation × JobPrice / P per job, confiscated only on failed validation', () => {
    expect(sum(s.jobsFailed)).toBeGreaterThan(0);
    for (const t of days(r)) {
      expectClose(s.bondTokensPosted[t]!, (0.1 * s.income[t]!) / s.tokenPrice[t]!, 1e-12);
      if (s.jobsFailed[t] === 0) expect(s.bondTokensConfiscated[t]).toBe(0);
      else expect(s.bondTokensConfiscated[t]!).toBeGreaterThan(0);
      expect(s.bondTokensConfiscated[t]!).toBeLessThanOrEqual(s.bondTokensPosted[t]!);
    }
  });

  it('onboarding fee: OnboardingModulation × income over t−W..t / suppliers / price, paid by each new supplier', () => {
    const w = r.config.onboardingWindowDays;
    for (const t of days(r)) {
      const windowIncome = sum(s.income.slice(Math.max(0, t - w), t + 1));
      expectClose(s.onboardingFeePerSupplier[t]!, (0.1 * windowIncome) / s.suppliers[t]! / s.tokenPrice[t]!, 1e-12, `day ${t}`);
      expectClose(s.onboardingFeeTokens[t]!, s.newSuppliers[t]! * s.onboardingFeePerSupplier[t]!, 1e-12);
      expect(s.suppliers[t]).toBe((t > 0 ? s.suppliers[t - 1]! : 0) + s.newSuppliers[t]!);
    }
    expect(s.suppliers[29]).toBe(20); // the target, reached at the end of phase 1
    expect(sum(s.onboardingFeeTokens)).toBeGreaterThan(0);
  });

  it('demand follows the linear trends: TPU training wanes, GPU training grows, income rises', () => {
    const first = (name: string) => sum(s.jobsByConsumer[name]!.slice(30, 60));
    const last = (name: string) => sum(s.jobsByConsumer[name]!.slice(150));
    expect(last('TPU Training')).toBeLessThan(first('TPU Training'));
    expect(last('GPU Training')).toBeGreaterThan(first('GPU Training'));
    expect(sum(s.income.slice(150))).toBeGreaterThan(sum(s.income.slice(30, 60)));
  });
});

describe('simulateBurnAndMint: BuybackModulation', () => {
  // No onboarding fees, no failed validations, no validator pay, and an emission slow enough that
  // the reserve never reaches the trigger: consumer buybacks are the only way tokens leave circulation.
  const isolated: EconomyConfigInput = { onboardingModulation: 0, validationFailureRate: 0, validationModulator: 0, phaseTwoModulation: 1e9 };

  it('0: no buyback, suppliers are paid in USD, supply only grows', () => {
    const r = simulateBurnAndMint({ ...isolated, buybackModulation: 0 });
    const s = r.series;
    for (const t of days(r)) {
      expect(s.usdBuybackCapital[t]).toBe(0);
      expect(s.buybacksUsd[t]).toBe(0);
      expect(s.tokensBoughtBack[t]).toBe(0);
      expectClose(s.usdSupplierPayments[t]!, 0.7 * s.income[t]!, 1e-12);
      expect(next(r, 'supply', t)).toBeGreaterThanOrEqual(s.supply[t]!);
      expectClose(next(r, 'supply', t) - s.supply[t]!, s.phaseOneTokensPaid[t]! + s.phaseTwoEmission[t]!, 1e-9);
    }
  });

  it('1 with no operations fraction: all income buys back, the seed\'s equations hold exactly, the dollar reserve stays put', () => {
    const r = simulateBurnAndMint({ ...isolated, buybackModulation: 1, fiatOperationsFraction: 0, initialDollarReserve: 5000 });
    const s = r.series;
    for (const t of days(r)) {
      const p = s.tokenPrice[t]!;
      const deltaP = s.buybackPrice[t]! - p;
      expectClose(s.buybacksUsd[t]!, s.income[t]!, 1e-12);
      expect(s.usdCapital[t]).toBe(0);
      expect(s.usdSupplierPayments[t]).toBe(0);
      // Supply[t+1] = Supply[t] + TokensPaid[t] − BuyBacksUSD[t] / (PriceOfToken[t] + ΔPriceOfToken[t])
      expectClose(next(r, 'supply', t), s.supply[t]! + s.tokensPaid[t]! - s.buybacksUsd[t]! / (p + deltaP), 1e-9, `day ${t}`);
      // TokenReserve[t+1] = TokenReserve[t] − TokensPaid[t] + BuyBacksUSD[t] / (P + ΔP)
      expectClose(next(r, 'tokenReserve', t), s.tokenReserve[t]! - s.tokensPaid[t]! + s.buybacksUsd[t]! / (p + deltaP), 1e-9, `day ${t}`);
      // SupplierTokensPaid[t] = BuyBacksUSD[t] / (P + ΔP) + Σ Phase2SupplierReward (phase 2)
      if (s.phase[t] === 2) expectClose(s.supplierTokensPaid[t]!, s.buybacksUsd[t]! / (p + deltaP) + s.phaseTwoEmission[t]!, 1e-12);
      expectClose(next(r, 'dollarReserve', t), 5000, 1e-12);
    }
  });

  it('a higher BuybackModulation raises token demand and the price in phase 2', () => {
    const low = simulateBurnAndMint({ buybackModulation: 0.2 }).series;
    const high = simulateBurnAndMint({ buybackModulation: 0.9 }).series;
    expect(high.tokenPrice[30]!).toBeGreaterThan(low.tokenPrice[30]!);
    expect(sum(high.consumerBuybackTokens)).toBeGreaterThan(0);
  });
});

describe('simulateBurnAndMint: the 10% → 20% reserve trigger', () => {
  // Validators paid 200 tokens per validation drain the reserve within phase 2.
  const draining: EconomyConfigInput = { validationModulator: 200, validationFailureRate: 0, onboardingModulation: 0 };

  function reserveBeforeTopUp(r: SimulationResult, t: number): number {
    const s = r.series;
    return s.tokenReserve[t]! + (s.tokensBoughtBack[t]! - s.reserveTopUpTokens[t]!) - s.tokensPaid[t]!;
  }

  it('buys back to 20% of the initial reserve exactly when the reserve falls to 10% or below', () => {
    const r = simulateBurnAndMint(draining);
    const s = r.series;
    const initial = r.derived.initialTokenReserve;
    let fired = 0;
    let betweenTenAndTwenty = 0;
    for (const t of days(r)) {
      const before = reserveBeforeTopUp(r, t);
      if (before <= 0.1 * initial) {
        fired++;
        expect(s.reserveTopUpTokens[t]!).toBeGreaterThan(0);
        expectClose(next(r, 'tokenReserve', t), 0.2 * initial, 1e-9, `day ${t}`);
      } else {
        expect(s.reserveTopUpTokens[t]).toBe(0);
        if (before <= 0.2 * initial) betweenTenAndTwenty++;
      }
    }
    expect(fired).toBeGreaterThan(1);
    expect(betweenTenAndTwenty).toBeGreaterThan(0); // between 10% and 20% nothing is bought
    expect(s.reserveShortfallTokens.every((v) => v === 0)).toBe(true);
    expect(Math.min(...s.tokenReserve.slice(1), r.final.tokenReserve)).toBeGreaterThan(0.1 * initial * 0.5);
  });

  it('the top-up is paid from the dollar reserve at market price', () => {
    const r = simulateBurnAndMint(draining);
    const s = r.series;
    const t = s.reserveTopUpTokens.findIndex((v) => v > 0);
    expect(t).toBeGreaterThan(30);
    expectClose(s.reserveTopUpUsd[t]!, s.reserveTopUpTokens[t]! * s.tokenPrice[t]!, 1e-12);
    expectClose(next(r, 'dollarReserve', t), s.dollarReserve[t]! + s.income[t]! - s.usdBuybackCapital[t]! - s.reserveTopUpUsd[t]! - s.usdSupplierPayments[t]!, 1e-9);
  });

  it('moves with its limits: a 5% limit fires less often than a 10% one', () => {
    const topUpDays = (input: EconomyConfigInput) => simulateBurnAndMint(input).series.reserveTopUpTokens.filter((v) => v > 0).length;
    const at10 = topUpDays(draining);
    const at5 = topUpDays({ ...draining, lowerTokenReserveLimit: 0.05 });
    expect(at5).toBeGreaterThan(0);
    expect(at5).toBeLessThan(at10);
  });

  it('without dollars the trigger buys what the dollar reserve can pay and no more', () => {
    const r = simulateBurnAndMint({ ...draining, fiatOperationsFraction: 0, buybackModulation: 1 });
    const s = r.series;
    for (const t of days(r)) {
      // With BuybackModulation = 1 and no operations share the reserve holds only the initial 0 USD.
      expect(s.reserveTopUpTokens[t]).toBe(0);
      expect(next(r, 'dollarReserve', t)).toBeCloseTo(0, 9);
    }
    expect(sum(s.reserveShortfallTokens)).toBeGreaterThan(0);
  });
});

describe('simulateBurnAndMint: reproducibility and configuration', () => {
  it('the same seed gives identical JSON; another seed gives different series', () => {
    const a = JSON.stringify(simulateBurnAndMint({ seed: 7 }));
    expect(JSON.stringify(simulateBurnAndMint({ seed: 7 }))).toBe(a);
    const b = simulateBurnAndMint({ seed: 8 });
    expect(JSON.stringify(b)).not.toBe(a);
    expect(b.series.income).not.toEqual(simulateBurnAndMint({ seed: 7 }).series.income);
  });

  it('without noise the seed does not matter', () => {
    const quiet = (seed: number): EconomyConfigInput => ({
      seed,
      validationFailureRate: 0,
      consumers: [{ name: 'GPU Training', jobPrice: 25.2, paymentRow: 'Model Training', demand: { intercept: 40, slope: 0.4, noiseSd: 0 } }],
    });
    expect(simulateBurnAndMint(quiet(1)).series).toEqual(simulateBurnAndMint(quiet(2)).series);
    expect(simulateBurnAndMint(quiet(1)).series.jobsCreated.slice(30, 33)).toEqual([40, 40, 41]);
  });

  it('rejects bad configurations with one InvalidEconomyConfigError (a ConfigError) naming the key', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ days: 0 }, /days/],
      [{ buybackModulation: 1.5 }, /buybackModulation/],
      [{ frobnicate: 1 }, /frobnicate/],
      [{ lowerTokenReserveLimit: 0.3 }, /upperTokenReserveTarget/],
      [{ consumers: [{ name: 'x', jobPrice: 1, paymentRow: 'nope', demand: { intercept: 1, slope: 0, noiseSd: 0 } }] }, /consumers\.0\.paymentRow/],
      [{ paymentMatrix: { half: { 'Data Annotators': 0.5 } }, consumers: [{ name: 'x', jobPrice: 1, paymentRow: 'half', demand: { intercept: 1, slope: 0, noiseSd: 0 } }] }, /paymentMatrix\.half: row sums to 0\.5/],
    ];
    for (const [input, message] of bad) {
      let error: unknown;
      try {
        simulateBurnAndMint(input as EconomyConfigInput);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidEconomyConfigError);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('reports a market with no token demand instead of dividing by zero', () => {
    expect(() => simulateBurnAndMint({ consumerSentiment: { intercept: 0, slope: 0, noiseSd: 0 } })).toThrow(DegenerateMarketError);
  });

  it('a run shorter than phase 1 stays in phase 1', () => {
    const r = simulateBurnAndMint({ days: 10 });
    expect(r.series.phase.every((p) => p === 1)).toBe(true);
    expectClose(sum(r.series.phaseOneTokensPaid), 400_000, 1e-12);
  });
});
