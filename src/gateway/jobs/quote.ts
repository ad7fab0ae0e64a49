import { InvalidRequestError } from '../errors';
import type { StoredModel } from '../models/model-store';

export const VERIFICATION_LEVELS = ['none', 'spot', 'redundant'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

/** Largest input tensor accepted, in elements, and in total per job. */
export const MAX_INPUT_ELEMENTS = 16 * 1024 * 1024;

export interface PriceList {
  /** Credit units charged per job, whatever its size (routing, verification bookkeeping). */
  readonly jobFee: bigint;
  /** Credit units per 10^9 estimated FLOPs. */
  readonly perGflop: bigint;
}

/** Defaults: 0.0001 TAO per job plus 0.00001 TAO per GFLOP (1 credit unit = 1 rao). */
export const DEFAULT_PRICES: PriceList = { jobFee: 100_000n, perGflop: 10_000n };

export interface InputShape {
  readonly name: string;
  readonly dims: readonly number[];
}

export interface Quote {
  readonly model: string;
  readonly verification: VerificationLevel;
  /** Estimated FLOPs of one run: 2 × weights × batch (each weight used once per sample, as in dense layers). */
  readonly estimatedFlops: bigint;
  /** How many runs are paid: 2 for redundant (two miners), else 1. Spot re-runs are the gateway's cost. */
  readonly runs: number;
  readonly price: bigint;
}

/**
 * The batch of a call: the product of the sizes given for the dimensions the model leaves
 * symbolic (null); fixed dimensions must match the model exactly.
 */
function batchOf(model: StoredModel, shapes: readonly InputShape[]): bigint {
  let batch = 1n;
  let total = 0;
  for (const declared of model.inputs) {
    const given = shapes.find((s) => s.name === declared.name);
    if (!given) throw new InvalidRequestError(`input "${declared.name}" is missing`, { input: declared.name });
    if (given.dims.length !== declared.dims.length) throw new InvalidRequestError(`input "${declared.name}" has rank ${given.dims.length}; the model declares ${declared.dims.length}`, { input: declared.name });
    let elements = 1;
    given.dims.forEach((d, i) => {
      const want = declared.dims[i];
      if (!Number.isInteger(d) || d < 1) throw new InvalidRequestError(`input "${declared.name}" dimension ${i} must be a whole number ≥ 1`);
      if (want !== null && want !== undefined && want > 0 && want !== d) throw new InvalidRequestError(`input "${declared.name}" dimension ${i} is ${d}; the model fixes it at ${want}`, { input: declared.name, dim: i });
      if (want === null || want === undefined || want <= 0) batch *= BigInt(d);
      elements *= d;
    });
    if (elements > MAX_INPUT_ELEMENTS) throw new InvalidRequestError(`input "${declared.name}" has ${elements} elements, over the ${MAX_INPUT_ELEMENTS} limit`, { input: declared.name });
    total += elements;
  }
  for (const s of shapes) if (!model.inputs.some((i) => i.name === s.name)) throw new InvalidRequestError(`the model has no input "${s.name}"`, { input: s.name });
  if (total > MAX_INPUT_ELEMENTS) throw new InvalidRequestError(`the inputs have ${total} elements in all, over the ${MAX_INPUT_ELEMENTS} limit`);
  return batch;
}

/** The price of running `model` on inputs of these shapes, in integer credit units. */
export function quote(model: StoredModel, shapes: readonly InputShape[], verification: VerificationLevel, prices: PriceList = DEFAULT_PRICES): Quote {
  const estimatedFlops = 2n * model.parameters * batchOf(model, shapes);
  const runs = verification === 'redundant' ? 2 : 1;
  const perRun = prices.jobFee + (estimatedFlops * prices.perGflop + 999_999_999n) / 1_000_000_000n;
  return { model: model.hash, verification, estimatedFlops, runs, price: perRun * BigInt(runs) };
}
