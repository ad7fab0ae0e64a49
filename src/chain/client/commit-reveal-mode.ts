import type { ApiPromise } from '@polkadot/api';
import { hasCall } from './calls';
import { TimelockRequiredError } from './errors';

/** `CommitRevealWeightsVersion` from which subtensor takes only timelock-encrypted commits. */
export const TIMELOCK_ONLY_CR_VERSION = 4;

/**
 * Whether this node's commit-reveal needs timelock (drand) encryption, which this client
 * does not produce: it has `commit_timelocked_weights` (or `commit_crv3_weights`) but no v2
 * `commit_weights`, or its `CommitRevealWeightsVersion` is 4 or more (v2 commits refused).
 */
export function needsTimelock(api: ApiPromise, commitRevealVersion: number | null): boolean {
  const timelocked = hasCall(api, 'subtensorModule', 'commit_timelocked_weights') || hasCall(api, 'subtensorModule', 'commit_crv3_weights');
  const v2 = hasCall(api, 'subtensorModule', 'commit_weights') && hasCall(api, 'subtensorModule', 'reveal_weights');
  if (timelocked && !v2) return true;
  return commitRevealVersion !== null && commitRevealVersion >= TIMELOCK_ONLY_CR_VERSION;
}

/** Throws the one-line {@link TimelockRequiredError} when commit-reveal on `netuid` needs timelock encryption. */
export function assertNoTimelock(api: ApiPromise, netuid: number, commitRevealVersion: number | null): void {
  if (!needsTimelock(api, commitRevealVersion)) return;
  const why = commitRevealVersion !== null && commitRevealVersion >= TIMELOCK_ONLY_CR_VERSION ? `CommitRevealWeightsVersion is ${commitRevealVersion}` : 'it has commit_timelocked_weights and no v2 commit_weights';
  throw new TimelockRequiredError(
    `subnet ${netuid} has commit-reveal on and this node only takes timelock-encrypted (drand) weight commits (${why}); pog commits v2 hashes only, so turn commit-reveal off for the subnet (pog subnet hyperparams --netuid ${netuid} --set commit_reveal_weights_enabled=false) or use a node that accepts commit_weights`,
  );
}
