import type { TypedStorage } from '../../state/typed-storage';
import { blocksUntilNextEpoch, epochIndex } from '../../../weights/epoch';
import { num } from './subnet-state';

/**
 * When a subnet's epoch runs, by subtensor's fixed-tempo rule (the lineage of the dev chain's
 * metadata, before `LastEpochBlock`): run_coinbase.rs `should_run_epoch` is
 * `blocks_until_next_epoch == 0`, i.e. (block + netuid + 1) mod (tempo + 1) == tempo — the
 * last block of each `get_epoch_index` window, so a commit's reveal epoch starts right after
 * the epoch that closes the commit's window. Tempo 0 never runs.
 */
export { blocksUntilNextEpoch, epochIndex };

export function shouldRunEpoch(netuid: number, tempo: number, block: number): boolean {
  return blocksUntilNextEpoch(netuid, tempo, block) === 0;
}

export function tempoOf(s: TypedStorage, netuid: number): number {
  return num(s.get('SubtensorModule', 'Tempo', [netuid]));
}
