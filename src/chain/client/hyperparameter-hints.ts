import type { ApiPromise } from '@polkadot/api';
import type { ChainDispatchError } from './errors';
import type { HyperparameterSpec } from './hyperparameters';
import { findStorage } from './storage';

/**
 * What to do about the two refusals a hyperparameter setter meets most, from the node's own
 * state rather than a static table:
 * - `BadOrigin` as the owner: the setter is root-only on this runtime (subtensor moves setters
 *   between root-only and owner-or-root across versions: `max_allowed_uids` is root-only on
 *   spec 293, owner-or-root at HEAD), or the signer does not own the subnet;
 * - `AdminActionProhibitedDuringWeightsWindow`: subtensor's `ensure_admin_window_open` refuses
 *   every subnet setter, for the owner and for sudo alike, in the last `AdminFreezeWindow`
 *   blocks before each epoch; with a tempo no larger than the window a subnet is (almost)
 *   always frozen until sudo lowers the global `admin_freeze_window`.
 */
export async function hyperparameterHint(api: ApiPromise, spec: HyperparameterSpec, error: ChainDispatchError, via: 'sudo' | 'owner', signer: string, netuid: number | undefined): Promise<string | null> {
  if (error.error === 'BadOrigin' && via === 'owner') {
    const owner = netuid === undefined ? null : await read(api, 'SubnetOwner', netuid);
    if (netuid !== undefined && owner !== null && owner !== signer) return `the signer ${signer} does not own subnet ${netuid} (its owner is ${owner}); sign with the owner's coldkey, or try --via sudo with the sudo key`;
    return `this runtime lets only sudo set ${spec.name}; try --via sudo with the sudo key`;
  }
  if (error.error === 'AdminActionProhibitedDuringWeightsWindow' && netuid !== undefined) {
    const window = Number(await read(api, 'AdminFreezeWindow'));
    const tempo = Number(await read(api, 'Tempo', netuid));
    const always = tempo > 0 && tempo <= window ? `; with tempo ${tempo} ≤ window ${window} it is frozen almost always: have sudo lower admin_freeze_window first` : '; retry after the epoch';
    return `subnet ${netuid} is in its admin freeze window (the last ${window} blocks before each epoch, tempo ${tempo}), when subtensor refuses hyperparameter changes from the owner and sudo alike${always}`;
  }
  return null;
}

async function read(api: ApiPromise, item: string, ...keys: number[]): Promise<string | null> {
  const entry = findStorage(api, 'subtensorModule', item);
  return entry ? (await entry(...keys)).toString() : null;
}
