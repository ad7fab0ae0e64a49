import { classicBonds, yuma3Bonds } from './bonds';
import { clipToConsensus, consensus } from './consensus';
import { distributeEmission } from './emission';
import { U16_MAX, proportionToU16 } from './fixed';
import { interpolate, rowSums, rowToSparseU16, weightedColSums } from './matrix';
import { activeMask, activeStake, filteredStake, newValidatorPermits } from './stake';
import type { EpochInput, EpochOutput } from './types';
import { validateEpochInput } from './validate';
import { normalize } from './vector';
import { epochWeights } from './weights';

const PPM = 1_000_000;

/**
 * The first block whose registrations make old bonds void: the block after the previous epoch,
 * or currentBlock − tempo when there was none (subtensor's `last_tempo`).
 */
function lastTempoBlock(input: EpochInput): number {
  const last = input.lastEpochBlock ?? 0;
  return last === 0 ? Math.max(0, input.currentBlock - (input.tempo ?? 0)) : last + 1;
}

/**
 * One Yuma consensus epoch for one subnet, as a pure function of its state: subtensor's
 * `epoch_mechanism` (pallets/subtensor/src/epoch/run_epoch.rs) in float64, without
 * commit-reveal column masking and liquid alpha (neither is modelled here). See fixed.ts
 * for why u16 outputs may differ from the chain's by one unit. Matrices are dense (n² floats),
 * which suits dev subnets of a few hundred uids (n = 256 runs in tens of milliseconds).
 *
 * Throws EpochInputError on malformed input.
 */
export function runEpoch(input: EpochInput): EpochOutput {
  validateEpochInput(input);
  const n = input.stake.length;
  const { ownerUid } = input;

  // Stake, activity, permits.
  const stake = filteredStake(input.stake, input.stakeThreshold, ownerUid);
  const active = activeMask(input.lastUpdate, input.activityCutoffBlocks, input.currentBlock);
  const validatorPermit = newValidatorPermits(stake, input.maxAllowedValidators, ownerUid);
  const permitted = input.prevValidatorPermit ? input.prevValidatorPermit.map((p, i) => p || i === ownerUid) : validatorPermit;
  const voting = activeStake(stake, active, permitted);

  // Weights, consensus, trust, incentive.
  const weights = epochWeights(input.weights, {
    n,
    permitted,
    ownerUid,
    lastUpdate: input.lastUpdate,
    blockAtRegistration: input.blockAtRegistration,
  });
  const kappa = input.kappa / U16_MAX;
  const consensusByUid = consensus(voting, weights, kappa);
  const clipped = clipToConsensus(weights, consensusByUid);
  const validatorTrust = rowSums(clipped);
  const incentive = normalize(weightedColSums(clipped, voting));

  // Bonds and dividends.
  const lastTempo = lastTempoBlock(input);
  const bondsInput = {
    n,
    weightsForBonds: interpolate(weights, clipped, input.bondsPenalty / U16_MAX),
    storedBonds: input.bonds,
    recentlyRegistered: input.blockAtRegistration.map((registered) => lastTempo <= registered),
    alpha: 1 - input.bondsMovingAverage / PPM,
    incentive,
    activeStake: voting,
  };
  const { storedForm, dividends } = input.yuma3 ? yuma3Bonds(bondsInput) : classicBonds(bondsInput);
  const bonds = storedForm.map((row, i) => (validatorPermit[i] ? rowToSparseU16(row) : []));

  const paid = distributeEmission({
    minerEmission: input.minerEmission,
    validatorEmission: input.validatorEmission,
    incentive,
    dividends,
    stake,
    activeStake: voting,
    ownerUid,
  });

  return {
    active,
    validatorPermit,
    stakeWeight: stake.map(proportionToU16),
    consensus: consensusByUid.map(proportionToU16),
    validatorTrust: validatorTrust.map(proportionToU16),
    incentive: incentive.map(proportionToU16),
    dividends: dividends.map(proportionToU16),
    bonds,
    ...paid,
  };
}
