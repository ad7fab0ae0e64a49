import { parseWorkloadParams, type WorkloadParams } from './params';

/**
 * Named parameter sets (see docs/pog.md, "Scale points"). auditRows = 64 everywhere: a miner
 * faking 10% of the rows passes with probability 0.9⁶⁴ ≈ 0.12%, under the 0.2% bar.
 */
export const PRESETS = {
  /** Unit tests and CI on 2 CPU cores: correctness and cheat detection in well under a second. */
  ci: { rows: 1024, width: 128, headWidth: 16, depth: 6, poolSize: 4, datapath: 'fp32', rowsPerLeaf: 4, auditRows: 64 },
  /** The CPU demo and `pog bench --device cpu`: about a third of a second of matrix work on 2 cores. */
  demo: { rows: 2048, width: 512, headWidth: 32, depth: 64, poolSize: 4, datapath: 'fp32', rowsPerLeaf: 8, auditRows: 64 },
  /**
   * A GPU miner (H100 class): 5.6·10¹⁴ FLOPs, about a second of fp16 tensor-core work. Wide
   * and shallow: depth is capped at the calibrated 64, and width keeps the validator's cost low.
   */
  gpu: { rows: 1 << 20, width: 2048, headWidth: 32, depth: 64, poolSize: 16, datapath: 'fp16', rowsPerLeaf: 64, auditRows: 64 },
} as const satisfies Record<string, WorkloadParams>;

export type PresetName = keyof typeof PRESETS;

export function preset(name: PresetName, overrides: Partial<WorkloadParams> = {}): WorkloadParams {
  return parseWorkloadParams({ ...PRESETS[name], ...overrides });
}
