import type { Tensor } from '../jobs/tensors';

/**
 * The seam between the gateway's scheduler and the miners: one job run on one miner. The
 * scheduler (which miner, retries, verification, settlement) calls it; the miner job client
 * (signed HTTP to the miner's axon) implements it. Nothing else crosses.
 */

/** A miner the scheduler picked: its hotkey (ss58) and its axon URL. */
export interface JobMiner {
  readonly hotkey: string;
  readonly url: string;
}

/** What a miner is asked to run. */
export interface JobExecution {
  readonly jobId: string;
  /** The model's SHA-256, lowercase hex: the miner runs the model with this hash, or none. */
  readonly modelHash: string;
  /** The model's bytes, read only when the miner does not hold the model yet. */
  readonly modelBytes: () => Promise<Buffer>;
  readonly inputs: readonly Tensor[];
  /** Wall milliseconds the miner has, from the request being sent. */
  readonly timeoutMs: number;
}

/** The miner's statement about a run, signed by its hotkey over its canonical JSON. */
export interface MinerJobReceipt {
  readonly jobId: string;
  /** ss58 of the miner that ran it. */
  readonly miner: string;
  readonly modelHash: string;
  /** tensorsHash of the inputs and of the outputs. */
  readonly inputHash: string;
  readonly outputHash: string;
  /** Device milliseconds the run took, as the miner measured them (informational, never priced). */
  readonly deviceMs: number;
  readonly finishedAtMs: number;
  /** 0x-hex sr25519 signature by `miner` over the canonical JSON of the fields above. */
  readonly signature: string;
}

export interface JobOutcome {
  readonly outputs: readonly Tensor[];
  readonly receipt: MinerJobReceipt;
}

/**
 * Runs `job` on `miner`. Resolves only with outputs whose receipt verified (signed by
 * `miner`, naming this job, model and inputs, output hash matching). Rejects with a
 * GatewayError subclass naming why otherwise (refused, busy, timeout, transport, bad answer);
 * `retryable` on the error says whether another miner should be tried.
 */
export type ExecuteJob = (miner: JobMiner, job: JobExecution, signal?: AbortSignal) => Promise<JobOutcome>;
