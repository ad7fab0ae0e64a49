import { z } from 'zod';
import { InvalidEconomyConfigError } from '../errors';
import { sum } from '../sum';
import {
  FIAT_OPERATIONS_FRACTION,
  FRAC_PHASE_ONE_TOKENS,
  JOB_COST_TABLE,
  JOB_REWARD_MODULATION,
  JOB_TYPE_PAYMENT_ROW,
  LOWER_TOKEN_RESERVE_LIMIT,
  MAX_TOKEN_SUPPLY,
  OPS_FUND_FRACTION,
  PAYMENT_MATRIX,
  REFERENCE_DAYS,
  REFERENCE_PHASE_ONE_DAYS,
  REFERENCE_TARGET_SUPPLIERS,
  REFERENCE_TOKEN_RESERVE,
  UPPER_TOKEN_RESERVE_TARGET,
} from '../reference-data';

const fraction = () => z.number().min(0).max(1);
const nonNegative = () => z.number().min(0);
const positive = () => z.number().positive();

/**
 * A daily series `intercept + slope·τ + noiseSd·N(0, 1)`, τ the day index it is applied to.
 * Seed §"Simulation Setup": "each class's demand is modeled as a linear time series with
 * gaussian noise added to it to model market variability".
 */
export const linearSeriesSchema = z
  .object({
    intercept: z.number().describe('value at τ = 0'),
    slope: z.number().describe('change per day'),
    noiseSd: nonNegative().describe('standard deviation of the Gaussian noise added each day'),
  })
  .strict();

export type LinearSeries = z.infer<typeof linearSeriesSchema>;

/** One consumer class: its job price, its payment-matrix row and its demand in jobs per day. */
export const consumerClassSchema = z
  .object({
    name: z.string().min(1),
    jobPrice: positive().describe('JobPrice[i]: USD a consumer pays per job'),
    paymentRow: z.string().min(1).describe('the PriceMatrix row that splits this class\'s payments among supplier types'),
    demand: linearSeriesSchema.describe('jobs created per day, τ = days since phase 2 began'),
  })
  .strict();

export type ConsumerClass = z.infer<typeof consumerClassSchema>;

/**
 * Demand in jobs per day for the seed's four job types (the cost table fixes the prices; the
 * seed gives no demand numbers). The seed's result notes that interest in TPU training wanes
 * while GPU-training income keeps rising: TPU demand falls, GPU demand grows.
 */
const REFERENCE_DEMAND: Readonly<Record<string, LinearSeries>> = {
  'Image Labeling': { intercept: 20, slope: 0.05, noiseSd: 3 },
  'TPU Training': { intercept: 30, slope: -0.15, noiseSd: 3 },
  'GPU Training': { intercept: 40, slope: 0.4, noiseSd: 5 },
  Inference: { intercept: 50, slope: 0.2, noiseSd: 5 },
};

/** The reference scenario's consumer classes: the seed's job cost table (§"Simulation Setup"). */
export function referenceConsumers(): ConsumerClass[] {
  return JOB_COST_TABLE.map((job) => ({
    name: job.name,
    jobPrice: job.costPerJob,
    paymentRow: JOB_TYPE_PAYMENT_ROW[job.name]!,
    demand: { ...REFERENCE_DEMAND[job.name]! },
  }));
}

const referencePaymentMatrix = () => Object.fromEntries(Object.entries(PAYMENT_MATRIX).map(([row, split]) => [row, { ...split }]));

/**
 * `pog economy simulate` settings. The defaults ARE the seed's reference scenario (seed 004,
 * §"Simulation Setup": 180 days, phase 1 = 30 days, the job cost table, a 2 M token reserve);
 * where the seed names a variable but gives no value, the default is this project's choice and
 * docs/economy-simulator.md says why.
 */
export const economyConfigSchema = z
  .object({
    seed: z.number().int().min(0).max(0xffffffff).default(1).describe('PRNG seed (32-bit); the same seed gives the same run'),
    days: z.number().int().min(1).max(3650).default(REFERENCE_DAYS).describe('days simulated'),
    phaseOneDays: z.number().int().min(0).max(3650).default(REFERENCE_PHASE_ONE_DAYS).describe('length of the inflationary phase 1'),

    // Token supply and funds (seed §"Token Supply", §"Token Funds", §"Phase 1").
    maxTokenSupply: positive().default(MAX_TOKEN_SUPPLY).describe('MaxTokenSupply'),
    opsFundFraction: fraction().default(OPS_FUND_FRACTION).describe('share of MaxTokenSupply in the ChainOpera Ops Fund'),
    // 0.6 × 1e9 / 300 = 2 M: the project's Ops-Fund share equals the seed's simulated token reserve.
    projects: z.number().int().min(1).default((OPS_FUND_FRACTION * MAX_TOKEN_SUPPLY) / REFERENCE_TOKEN_RESERVE).describe('N_project'),
    fracPhaseOneTokens: fraction().default(FRAC_PHASE_ONE_TOKENS).describe('Frac. PhaseOneTokens'),
    initialCirculatingSupply: positive().optional().describe('Supply[0] (default: the project\'s share of the tokens outside the Ops Fund)'),
    initialDollarReserve: nonNegative().default(0).describe('DollarReserve[0], USD'),

    // Consumers and the payment matrix (seed §"Consumer Demand…", §"Consumers to Suppliers").
    consumers: z.array(consumerClassSchema).min(1).max(64).default(referenceConsumers),
    paymentMatrix: z.record(z.string(), z.record(z.string(), fraction())).default(referencePaymentMatrix).describe('PriceMatrix[i, k]'),

    // On-chain variables (seed §"Tables Of Variables").
    fiatOperationsFraction: fraction().default(FIAT_OPERATIONS_FRACTION).describe('share of income kept in the dollar reserve for operations'),
    buybackModulation: fraction().default(0.5).describe('BuybackModulation: share of net income spent on token buybacks'),
    buybackPremium: nonNegative().default(0.02).describe('ΔPriceOfToken / PriceOfToken: the premium paid over market when buying back'),
    jobRewardModulation: positive().default(JOB_REWARD_MODULATION).describe('JobRewardModulation'),
    phaseTwoModulation: positive().optional().describe('Phase2Modulation (default: PhaseTwoMintAmount)'),
    onboardingModulation: nonNegative().default(0.1).describe('OnboardingModulation'),
    onboardingWindowDays: z.number().int().min(0).max(365).default(7).describe('W of the onboarding fee: days t−W..t'),
    bondModulation: nonNegative().default(0.1).describe('BondModulation'),
    validationModulator: nonNegative().default(50).describe('ValidationModulator: tokens paid per validation completed'),
    validationsPerJob: z.number().int().min(0).max(100).default(1).describe('validations completed per job'),
    validationFailureRate: fraction().default(0.01).describe('probability a job fails validation (bond confiscated, supplier unpaid)'),
    lowerTokenReserveLimit: fraction().default(LOWER_TOKEN_RESERVE_LIMIT).describe('reserve share that triggers a top-up buyback'),
    upperTokenReserveTarget: fraction().default(UPPER_TOKEN_RESERVE_TARGET).describe('reserve share a top-up buys back to'),

    // Suppliers (seed §"Phase 1": target suppliers per project; capacity is this project's model).
    targetSuppliers: z.number().int().min(1).max(1_000_000).default(REFERENCE_TARGET_SUPPLIERS).describe('suppliers certified by the end of phase 1'),
    jobsPerSupplierPerDay: positive().default(3).describe('jobs one supplier serves per day; more demand onboards more suppliers'),

    // Token demand outside the platform (seed §"Calculating Token Demand").
    consumerSentiment: linearSeriesSchema.default({ intercept: 1000, slope: 0, noiseSd: 0 }).describe('ConsumerSentiment[t], USD per day, τ = t'),
    governanceValue: linearSeriesSchema.default({ intercept: 0, slope: 0, noiseSd: 0 }).describe('GovernanceValue[t], USD per day, τ = t'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.upperTokenReserveTarget <= c.lowerTokenReserveLimit) {
      ctx.addIssue({ code: 'custom', message: 'upperTokenReserveTarget must exceed lowerTokenReserveLimit', path: ['upperTokenReserveTarget'] });
    }
    const names = new Set<string>();
    c.consumers.forEach((consumer, i) => {
      if (names.has(consumer.name)) ctx.addIssue({ code: 'custom', message: `duplicate consumer name "${consumer.name}"`, path: ['consumers', i, 'name'] });
      names.add(consumer.name);
      if (!(consumer.paymentRow in c.paymentMatrix)) {
        ctx.addIssue({ code: 'custom', message: `payment row "${consumer.paymentRow}" is not in paymentMatrix`, path: ['consumers', i, 'paymentRow'] });
      }
    });
    for (const [row, split] of Object.entries(c.paymentMatrix)) {
      const total = sum(Object.values(split));
      // Each row splits $1 of revenue, so Income = Σ_k USDDemandForService[k] holds exactly.
      if (Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', message: `row sums to ${total}, not 1`, path: ['paymentMatrix', row] });
    }
  });

export type EconomyConfig = z.infer<typeof economyConfigSchema>;
export type EconomyConfigInput = z.input<typeof economyConfigSchema>;

/** Parses an untrusted configuration, turning zod issues into one InvalidEconomyConfigError. */
export function parseEconomyConfig(input: unknown = {}): EconomyConfig {
  const result = economyConfigSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InvalidEconomyConfigError(`invalid economy configuration: ${issues.join('; ')}`, { issues });
  }
  return result.data;
}
