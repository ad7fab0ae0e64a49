import type { ApiPromise } from '@polkadot/api';
import { hasCall } from './calls';
import { TimelockRequiredError } from './errors';

/** `CommitRevealWeightsVersion` of timelocked (drand) commits: subtensor's default, the version pog writes. */
export const TIMELOCK_ONLY_CR_VERSION = 4;

/**
 * Whether this node's commit-reveal wants timelock (drand) encryption: it has
 * `commit_timelocked_weights` (or `commit_crv3_weights`) but no v2 `commit_weights`, or its
 * `CommitRevealWeightsVersion` is 4 or more (the version the Python SDK commits timelocked at).
 */
export function needsTimelock(api: ApiPromise, commitRevealVersion: number | null): boolean {
  const timelocked = hasCall(api, 'subtensorModule', 'commit_timelocked_weights') || hasCall(api, 'subtensorModule', 'commit_crv3_weights');
  const v2 = hasCall(api, 'subtensorModule', 'commit_weights') && hasCall(api, 'subtensorModule', 'reveal_weights');
  if (timelocked && !v2) return true;
  return commitRevealVersion !== null && commitRevealVersion >= TIMELOCK_ONLY_CR_VERSION;
}

/** Whether the node takes `commit_timelocked_weights` and has the drand pallet whose beacon it encrypts to. */
export function canTimelock(api: ApiPromise): boolean {
  const drand = (api.query as unknown as Record<string, Record<string, unknown> | undefined> | undefined)?.drand;
  return hasCall(api, 'subtensorModule', 'commit_timelocked_weights') && drand?.beaconConfig !== undefined;
}

/** How weights go on chain for a subnet: directly, as a v2 hash commit and reveal, or as a timelocked (v4) commit the chain reveals. */
export type WeightsPath = 'set_weights' | 'commit_reveal_v2' | 'commit_timelocked';

/**
 * Picks the path from the subnet's `CommitRevealWeightsEnabled` / `CommitRevealWeightsVersion`
 * and the node's calls. Throws {@link TimelockRequiredError} when the node needs timelocked
 * commits but has no `commit_timelocked_weights` this client writes (for example only the
 * retired `commit_crv3_weights`).
 */
export function weightsPath(api: ApiPromise, netuid: number, state: { commitRevealEnabled: boolean; commitRevealVersion: number | null }): WeightsPath {
  if (!state.commitRevealEnabled) return 'set_weights';
  if (!needsTimelock(api, state.commitRevealVersion)) return 'commit_reveal_v2';
  if (canTimelock(api)) return 'commit_timelocked';
  assertNoTimelock(api, netuid, state.commitRevealVersion);
  return 'commit_reveal_v2';
}

/**
 * Throws the one-line {@link TimelockRequiredError} when a v2 commit or reveal cannot go to this
 * node: it has commit-reveal calls only for timelocked commits. (Subtensor's source checks
 * `CommitRevealWeightsVersion` only in `commit_timelocked_weights`, so a node that still has
 * `commit_weights` takes v2 commits at version 4 too; `weightsPath` prefers timelock there.)
 */
export function assertNoTimelock(api: ApiPromise, netuid: number, commitRevealVersion: number | null): void {
  const v2 = hasCall(api, 'subtensorModule', 'commit_weights') && hasCall(api, 'subtensorModule', 'reveal_weights');
  if (v2 || !needsTimelock(api, commitRevealVersion)) return;
  const why = 'it has commit_timelocked_weights and no v2 commit_weights';
  const fix = canTimelock(api)
    ? 'commit them with commitTimelockedWeights (pog validator picks it by itself)'
    : `this node has no commit_timelocked_weights with a drand pallet that pog can write to, so turn commit-reveal off for the subnet (pog subnet hyperparams --netuid ${netuid} --set commit_reveal_weights_enabled=false) or use a node that accepts commit_weights`;
  throw new TimelockRequiredError(`subnet ${netuid} has commit-reveal on and this node only takes timelock-encrypted (drand) weight commits (${why}); ${fix}`);
}
