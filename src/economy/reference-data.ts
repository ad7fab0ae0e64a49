/**
 * Numbers copied from the ChainOpera burn-and-mint model (seed 004). The project never reads
 * the seed at run time; every table the simulator needs is here as typed data, each naming the
 * seed section it comes from.
 */

/** Seed §"Token Supply": a fixed supply of 1 billion tokens. */
export const MAX_TOKEN_SUPPLY = 1_000_000_000;

/**
 * Seed §"Token Funds" and §"Phase 1". The prose ("60% of all tokens reserved for it") and the
 * Phase-1 formula (`… × 0.60 × MaxTokenSupply`) give the Ops Fund 60%; the fund table says 50%.
 * The formula is what the model computes with, so 0.60 is used (docs/economy-simulator.md).
 */
export const OPS_FUND_FRACTION = 0.6;

/** Seed §"Phase 1": Frac. PhaseOneTokens = 60% of the Ops Fund is paid out in Phase 1; 40% is kept for Phase 2. */
export const FRAC_PHASE_ONE_TOKENS = 0.6;

/** Seed §"Simulation Setup": the simulated project's token reserve is 2 million tokens. */
export const REFERENCE_TOKEN_RESERVE = 2_000_000;

/** Seed §"Simulation Setup": phase 1 lasts 30 days, the full simulation 180 days. */
export const REFERENCE_DAYS = 180;
export const REFERENCE_PHASE_ONE_DAYS = 30;

/** Seed §"Phase 2: Job Rewards": JobRewardModulation defaults to 10 (≈10% extra on the first jobs). */
export const JOB_REWARD_MODULATION = 10;

/** Seed §"Total Income": ChainOpera Fiat Operations Fraction = 30% of total income. */
export const FIAT_OPERATIONS_FRACTION = 0.3;

/** Seed §"Validator Token Payments…": Lower Token Reserve Limit = 10%, refilled to 20%. */
export const LOWER_TOKEN_RESERVE_LIMIT = 0.1;
export const UPPER_TOKEN_RESERVE_TARGET = 0.2;

/** Seed §"Phase 1": an example project needs 10 TPUs, 5 GPUs and 5 data labelers. */
export const REFERENCE_TARGET_SUPPLIERS = 20;

/** One row of the seed's job cost table. */
export interface JobCost {
  readonly name: string;
  /** USD per unit of work. */
  readonly rate: number;
  readonly unit: string;
  /** Units in an average job. */
  readonly averageJobSize: number;
  /** USD per job, as the seed prints it (rate × average job size). */
  readonly costPerJob: number;
}

/** Seed §"Simulation Setup", JOB COSTS table (Scale AI and GCP reference prices). */
export const JOB_COST_TABLE: readonly JobCost[] = [
  { name: 'Image Labeling', rate: 0.06, unit: 'image', averageJobSize: 1000, costPerJob: 60 },
  { name: 'TPU Training', rate: 18, unit: 'hour', averageJobSize: 3, costPerJob: 54 },
  { name: 'GPU Training', rate: 3.15, unit: 'node hour', averageJobSize: 8, costPerJob: 25.2 },
  { name: 'Inference', rate: 1.25, unit: 'node hour', averageJobSize: 24, costPerJob: 30 },
];

/** Seed §"Consumers to Suppliers": the supplier columns of the payment matrix. */
export const SUPPLIER_TYPES = [
  'Dedicated Server Provider',
  'Raw Data Provider',
  'Data Annotators',
  'Model Training Providers',
  'Model Inference Providers',
] as const;

export type PaymentRow = Readonly<Record<string, number>>;

/**
 * Seed §"Consumers to Suppliers", PriceMatrix[i, k]: how $1 of a consumer class's payment is
 * split among supplier types. Empty cells are 0 and left out; every row sums to 1.
 */
export const PAYMENT_MATRIX: Readonly<Record<string, PaymentRow>> = {
  'Model Training': { 'Model Training Providers': 1 },
  'AI Foundry (dedicated model serving)': { 'Dedicated Server Provider': 1 },
  'Inference seekers': { 'Model Inference Providers': 1 },
  'Data annotator seekers': { 'Data Annotators': 1 },
  'Training to serving pipeline': { 'Model Training Providers': 0.85, 'Model Inference Providers': 0.15 },
  'Annotation to serving pipeline': { 'Data Annotators': 0.5, 'Model Training Providers': 0.4, 'Model Inference Providers': 0.1 },
  'End to End AI pipeline': { 'Raw Data Provider': 0.15, 'Data Annotators': 0.15, 'Model Training Providers': 0.6, 'Model Inference Providers': 0.1 },
};

/**
 * Which payment-matrix row each job type of the cost table is paid by. The seed's simulation
 * names the job types but not their rows; these are the one-to-one readings.
 */
export const JOB_TYPE_PAYMENT_ROW: Readonly<Record<string, string>> = {
  'Image Labeling': 'Data annotator seekers',
  'TPU Training': 'Model Training',
  'GPU Training': 'Model Training',
  Inference: 'Inference seekers',
};
