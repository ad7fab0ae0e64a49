import type { EmulatedDatapath } from './emulated-rows';

/** Honest datapaths and the cheaper ones a miner might substitute, as emulated computations. */
export const EMULATED_DATAPATHS = {
  fp32: { operands: 'fp32', accumulate: 'fp32', storage: 'fp32' },
  tf32: { operands: 'tf32', accumulate: 'fp32', storage: 'fp32' },
  fp16: { operands: 'fp16', accumulate: 'fp32', storage: 'fp16' },
  /** fp16 declared, bf16 used: the same rate, but three fewer significand bits than declared. */
  bf16: { operands: 'bf16', accumulate: 'fp32', storage: 'bf16' },
  /** fp16 declared, fp16 accumulation used (2× rate on consumer GPUs), tensor-core style. */
  fp16Accumulate: { operands: 'fp16', accumulate: 'fp16', storage: 'fp16', chunk: 16 },
  /** fp16 declared, fp8 (e4m3) operands used. */
  fp8: { operands: 'fp8e4m3', accumulate: 'fp32', storage: 'fp16' },
} as const satisfies Record<string, EmulatedDatapath>;
