import { z } from 'zod';
import { InvalidParamsError } from '../errors';

/**
 * The numeric datapath a miner declares. It fixes the input value format and the tolerance
 * band the verifier applies:
 * - fp32: fp32 inputs, fp32 multiply and accumulate (CPU; GPU with NVIDIA_TF32_OVERRIDE=0)
 * - tf32: fp32 storage, TF32 multiply, fp32 accumulate (the CUDA EP's default for fp32 MatMul)
 * - fp16: fp16 inputs and storage, fp32 accumulation (tensor cores)
 */
export const DATAPATHS = ['fp32', 'tf32', 'fp16'] as const;
export type Datapath = (typeof DATAPATHS)[number];

/** The deepest chain the tolerance bands are calibrated for; past it, small pools start to amplify noise (npm run bench:depth). */
export const MAX_DEPTH = 64;

const isPowerOfTwo = (v: number) => Number.isInteger(v) && v > 0 && (v & (v - 1)) === 0;

/**
 * Shape of one PoG workload: the row-independent MLP chain
 *   X_t = relu(rmsnorm(X_{t−1}))·P_{a_t}, t = 1..T;   Y = relu(rmsnorm(X_T))·Q
 * with X₀: rows×width, P_j: width×width (j < poolSize), Q: width×headWidth.
 * The miner commits to the rows of Y, grouped rowsPerLeaf to a Merkle leaf; the validator
 * audits auditRows rows chosen after the commitment arrives.
 */
export const workloadParamsSchema = z
  .object({
    rows: z.number().int().refine(isPowerOfTwo, 'rows must be a power of two').pipe(z.number().min(16).max(1 << 22)),
    width: z.number().int().min(8).max(16384).multipleOf(8),
    headWidth: z.number().int().min(1).max(256),
    // The tolerance bands are calibrated up to MAX_DEPTH (docs/pog.md, "Depth is capped").
    depth: z.number().int().min(1).max(MAX_DEPTH),
    poolSize: z.number().int().min(1).max(64),
    datapath: z.enum(DATAPATHS),
    rowsPerLeaf: z.number().int().refine(isPowerOfTwo, 'rowsPerLeaf must be a power of two').pipe(z.number().max(1024)),
    auditRows: z.number().int().min(1).max(512),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.rowsPerLeaf > p.rows) ctx.addIssue({ code: 'custom', message: 'rowsPerLeaf must not exceed rows', path: ['rowsPerLeaf'] });
    if (p.auditRows > p.rows) ctx.addIssue({ code: 'custom', message: 'auditRows must not exceed rows', path: ['auditRows'] });
    // Every element index of a stream must fit in a u32 counter.
    if (p.rows * p.width > 2 ** 32) ctx.addIssue({ code: 'custom', message: 'rows·width must be at most 2³²', path: ['rows'] });
  });

export type WorkloadParams = z.infer<typeof workloadParamsSchema>;

/** Parses untrusted parameters, turning zod issues into one InvalidParamsError. */
export function parseWorkloadParams(input: unknown): WorkloadParams {
  const result = workloadParamsSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`);
    throw new InvalidParamsError(`invalid workload parameters: ${issues.join('; ')}`, { issues });
  }
  return result.data;
}

/** The value format of generated inputs for a datapath. */
export function valueFormatOf(datapath: Datapath): 'fp32' | 'fp16' {
  return datapath === 'fp16' ? 'fp16' : 'fp32';
}

/** Multiply-add FLOPs of the whole workload: 2·N·(T·n² + n·r). */
export function workloadFlops(p: WorkloadParams): number {
  return 2 * p.rows * (p.depth * p.width * p.width + p.width * p.headWidth);
}

/** FLOPs of recomputing one row through the chain: 2·(T·n² + n·r). */
export function rowFlops(p: WorkloadParams): number {
  return 2 * (p.depth * p.width * p.width + p.width * p.headWidth);
}

/** Number of Merkle leaves: rows / rowsPerLeaf (a power of two). */
export function leafCount(p: WorkloadParams): number {
  return p.rows / p.rowsPerLeaf;
}
