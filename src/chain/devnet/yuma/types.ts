import type { SparseRow } from './matrix';

/**
 * One subnet's state at an epoch, indexed by uid 0..n−1 (n = stake.length). Field meanings
 * follow subtensor's `epoch_mechanism` (pallets/subtensor/src/epoch/run_epoch.rs).
 */
export interface EpochInput {
  currentBlock: number;
  /** A uid is active while lastUpdate + activityCutoffBlocks ≥ currentBlock. */
  activityCutoffBlocks: number;
  /** Consensus majority, u16 scale (32767 ≈ 0.5). */
  kappa: number;
  /**
   * EMA memory in parts per million; both Yuma variants use alpha = 1 − bondsMovingAverage / 1e6
   * (subtensor's Yuma3 without liquid alpha calls `compute_disabled_liquid_alpha`, which is this
   * same value, so there is no separate Yuma3 alpha).
   */
  bondsMovingAverage: number;
  /** u16 scale, 65535 = 1.0: bonds are built from clipped weights; 0: from raw weights. */
  bondsPenalty: number;
  /** Yuma3 (subtensor turns it on for every new subnet) or classic Yuma. */
  yuma3: boolean;
  maxAllowedValidators: number;
  /** Stake below this (rao) counts as 0, except the subnet owner's. */
  stakeThreshold: bigint;
  /** The uid of the subnet owner's hotkey, if it is registered. */
  ownerUid: number | null;
  /** Per uid, alpha stake in rao. */
  stake: readonly bigint[];
  /** Per uid, the block of the uid's last weight update. */
  lastUpdate: readonly number[];
  /** Per uid, the block at which the uid's current neuron registered. */
  blockAtRegistration: readonly number[];
  /** Per uid, the stored weight row: sparse (uid, u16) pairs, uids distinct. */
  weights: readonly SparseRow[];
  /** Per uid, the stored bond row from the previous epoch: sparse (uid, u16) pairs, uids distinct. */
  bonds: readonly SparseRow[];
  /** Alpha (rao) for miners this epoch, split by incentive. */
  minerEmission: bigint;
  /** Alpha (rao) for validators this epoch, split by dividends. */
  validatorEmission: bigint;
  /**
   * The ValidatorPermit vector stored by the previous epoch. Subtensor masks weights and active
   * stake with these (old) permits and only stores the new ones for the next epoch. When absent,
   * this epoch's new permits are used instead, so a subnet's first epoch already counts its
   * top-stake validators.
   */
  prevValidatorPermit?: readonly boolean[];
  /**
   * The block of this subnet's previous epoch (subtensor's LastMechansimStepBlock); 0 or absent
   * means none. Bonds to uids registered at or after `lastEpochBlock + 1` (or, without one, at
   * or after `currentBlock − tempo`) are dropped: they were held on the uid's previous neuron.
   */
  lastEpochBlock?: number;
  /** The subnet's tempo in blocks; used only when there is no lastEpochBlock. Default 0. */
  tempo?: number;
}

export interface EpochOutput {
  /** Per uid: lastUpdate + activityCutoffBlocks ≥ currentBlock. */
  active: boolean[];
  /** Per uid, the permits to store for the next epoch: top-k non-zero stake, plus the owner. */
  validatorPermit: boolean[];
  /** u16 vectors, 65535 = 1.0. */
  stakeWeight: number[];
  consensus: number[];
  validatorTrust: number[];
  incentive: number[];
  dividends: number[];
  /**
   * Bond rows to store, sparse (uid, u16): Yuma3 stores the EMA bonds as proportions
   * (65535 = 1.0); classic Yuma stores them column max-upscaled (each column's largest = 65535).
   * A uid without a new permit gets an empty row.
   */
  bonds: [number, number][][];
  /** Per uid, alpha paid (rao): incentiveEmission + dividendEmission. */
  emission: bigint[];
  /** Per uid, the miner part paid (0 at the owner uid, whose part is withheld). */
  incentiveEmission: bigint[];
  /** Per uid, the validator part paid. */
  dividendEmission: bigint[];
  /** Miner alpha that landed on the owner uid; the chain burns it. */
  withheldOwnerIncentive: bigint;
  /** Rounding dust and alpha nobody could receive. Σ emission + withheld + undistributed = input. */
  undistributed: bigint;
}
