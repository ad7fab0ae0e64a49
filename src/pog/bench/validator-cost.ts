import { rowFlops, workloadFlops, type WorkloadParams } from '../workload';

/** Integer operations per generated element (key mixing, value mapping), as counted in the spec. */
const GENERATOR_OPS_PER_ELEMENT = 30;

/** The verifier recomputes every audited row twice: exactly, and with the datapath's roundings replayed. */
const CHAINS_PER_ROW = 2;

/**
 * What one audit costs the validator, in operations: recomputing auditRows rows through the
 * chain (2·(T·n² + n·r) each, for both reference chains) plus generating the pool, the head
 * and the audited inputs.
 */
export function validatorOps(p: WorkloadParams): number {
  const generated = p.poolSize * p.width * p.width + p.width * p.headWidth + p.auditRows * p.width;
  return CHAINS_PER_ROW * p.auditRows * rowFlops(p) + GENERATOR_OPS_PER_ELEMENT * generated;
}

/** Validator operations per miner FLOP; the bar is at most 1% at the GPU-scale parameters. */
export function validatorCostRatio(p: WorkloadParams): number {
  return validatorOps(p) / workloadFlops(p);
}
