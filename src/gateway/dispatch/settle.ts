import type { KeyringPair } from '@polkadot/keyring/types';
import { nowMs } from '../ids';
import type { Job, Jobs } from '../jobs/jobs';
import { encodeTensors } from '../jobs/tensors';
import type { MinerOutcomes } from '../scheduling/miner-outcomes';
import { JOB_REVENUE_SOURCE, type RevenueOutbox } from '../settlement/revenue-outbox';
import type { Bonds } from '../settlement/bonds';
import { signGatewayReceipt } from './gateway-receipt';
import type { OkRun } from './job-runs';

export interface SettleDeps {
  readonly jobs: Jobs;
  readonly outcomes: MinerOutcomes;
  readonly revenue: RevenueOutbox;
  readonly bonds: Bonds;
  readonly signer: KeyringPair;
}

/** The revenue id of a job: the ledger's idempotency key for it. */
export const jobRevenueId = (jobId: string) => `job-${jobId}`;

/**
 * Delivers a job in one transaction: running → done, the hold charged, the result and the
 * gateway-signed receipt stored, the revenue entry written, and (for a checked job) each
 * miner's outcome: validated where its outputs agreed with the delivered ones, a failed
 * validation (and its bond forfeited) where they did not.
 */
export async function settleDelivered(deps: SettleDeps, job: Job, agreeing: readonly OkRun[], groups: readonly OkRun[][], required: number): Promise<Job> {
  const winner = agreeing[0]!;
  const checked = required >= 2;
  const agreed = new Set(agreeing.map((r) => r.miner));
  const all = groups.flat();
  const receipt = signGatewayReceipt(deps.signer, {
    jobId: job.id,
    accountId: job.accountId,
    modelHash: job.model,
    inputHash: job.inputHash,
    outputHash: winner.outputHash,
    miner: winner.miner,
    deviceMs: winner.deviceMs ?? winner.receipt.deviceMs,
    price: job.price.toString(),
    verification: job.verification,
    checked,
    runs: all.map((r) => ({ miner: r.miner, outputHash: r.outputHash, deviceMs: r.receipt.deviceMs, agreed: agreed.has(r.miner), minerSignature: r.receipt.signature })),
    issuedAtMs: Date.now(),
  });
  return deps.jobs.complete(job.id, async (tx) => {
    await tx.run('INSERT INTO job_results (job_id, outputs, output_hash, receipt, created_ms) VALUES (?, ?, ?, ?, ?)', [job.id, encodeTensors(winner.outputs), winner.outputHash, JSON.stringify(receipt), nowMs()]);
    await deps.revenue.addIn(tx, jobRevenueId(job.id), job.price, JOB_REVENUE_SOURCE);
    if (checked) {
      for (const r of all) {
        await deps.outcomes.recordIn(tx, r.miner, job.id, agreed.has(r.miner));
        await deps.bonds.settleIn(tx, job.id, r.miner, agreed.has(r.miner));
      }
    }
    await deps.bonds.returnAllIn(tx, job.id);
  });
}
