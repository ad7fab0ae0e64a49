import type { Datapath } from '../workload';

/**
 * The roundings an honest miner's datapath applies, which the validator replays in float64 to
 * learn the noise level of this very challenge (the chain amplifies rounding differently for
 * every seed). Only operand and storage rounding are replayed; accumulation stays exact, since
 * fp32 accumulation error is far below an 11-bit rounding.
 * - operands: significand bits the matmul inputs are rounded to (h always; P only where its
 *   generated values carry more bits, i.e. tf32)
 * - storage: significand bits hidden states and outputs are stored with
 */
export interface HonestRounding {
  readonly operandBits: number;
  readonly roundWeights: boolean;
  readonly storageBits: number;
}

export const HONEST_ROUNDING: Readonly<Record<Datapath, HonestRounding>> = {
  fp32: { operandBits: 24, roundWeights: false, storageBits: 24 },
  tf32: { operandBits: 11, roundWeights: true, storageBits: 24 },
  fp16: { operandBits: 11, roundWeights: false, storageBits: 11 },
};
