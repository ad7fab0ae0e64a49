import type { EpochOutput } from '../../yuma';
import type { TypedStorage } from '../../state/typed-storage';

/**
 * Stores an epoch's results as subtensor's `persist_*_epoch_terms` do: the per-uid vectors and
 * every uid's new bond row (empty without a new permit). `Emission` holds each uid's share of
 * the epoch's alpha before payout, so the owner's uid shows the miner alpha that is burned.
 */
const P = 'SubtensorModule';

export function writeEpochOutput(s: TypedStorage, netuid: number, out: EpochOutput, ownerUid: number | null): void {
  const emission = out.emission.map((e, uid) => (uid === ownerUid ? e + out.withheldOwnerIncentive : e));
  s.set(P, 'Active', [netuid], out.active);
  s.set(P, 'Emission', [netuid], emission);
  s.set(P, 'Consensus', [netuid], out.consensus);
  s.set(P, 'Incentive', [netuid], out.incentive);
  s.set(P, 'Dividends', [netuid], out.dividends);
  s.set(P, 'ValidatorTrust', [netuid], out.validatorTrust);
  s.set(P, 'ValidatorPermit', [netuid], out.validatorPermit);
  s.set(P, 'StakeWeight', [netuid], out.stakeWeight);
  out.bonds.forEach((row, uid) => s.set(P, 'Bonds', [netuid, uid], row));
}
