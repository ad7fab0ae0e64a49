import type { ValidatorState } from '../../records';

/** A miner the gateway could route to, as the metagraph and the miner's axon describe it. */
export interface DirectoryMiner {
  readonly uid: number;
  readonly hotkey: string;
  /** Its axon's base URL. */
  readonly url: string;
  readonly serving: boolean;
  /** Jobs it takes at once (default: the dispatcher's maxPerMiner). */
  readonly capacity?: number;
}

/**
 * Where the dispatcher learns who may run jobs: the validator's own score state (PoG results,
 * read-only) and the miners on the metagraph. Read on every dispatch pass, so a miner that
 * fails a PoG round stops getting jobs at the next pass.
 */
export interface MinerDirectory {
  snapshot(): Promise<{ readonly state: ValidatorState; readonly miners: readonly DirectoryMiner[] }>;
}
