import type { CallContext } from '../../runtime/call-context';
import { DispatchFailure } from '../../runtime/dispatch-error';
import { blocksUntilNextEpoch } from '../../../weights/epoch';
import { num, subnetOwner } from './subnet-state';

const P = 'SubtensorModule';

function badOrigin(): DispatchFailure {
  return new DispatchFailure('BadOrigin', 'BadOrigin');
}

/** `ensure_subnet_owner`: signed by the subnet's owner coldkey, else `BadOrigin`. */
export function ensureSubnetOwner(ctx: CallContext, netuid: number): string {
  if (ctx.origin.kind !== 'signed' || subnetOwner(ctx.storage, netuid) !== ctx.origin.who) throw badOrigin();
  return ctx.origin.who;
}

/** `ensure_subnet_owner_or_root`: root, or signed by the subnet's owner; the owner is returned. */
export function ensureSubnetOwnerOrRoot(ctx: CallContext, netuid: number): string | null {
  if (ctx.origin.kind === 'root') return null;
  return ensureSubnetOwner(ctx, netuid);
}

/**
 * `ensure_admin_window_open`: hyperparameter changes are refused during the last
 * `AdminFreezeWindow` blocks before the subnet's epoch, for root too, so that they cannot
 * race the validators' weights for that epoch.
 */
export function ensureAdminWindowOpen(ctx: CallContext, netuid: number): void {
  const tempo = num(ctx.storage.get(P, 'Tempo', [netuid]));
  if (tempo === 0) return;
  const window = num(ctx.storage.get(P, 'AdminFreezeWindow'));
  if (blocksUntilNextEpoch(netuid, tempo, ctx.blockNumber) < window) {
    throw ctx.error(P, 'AdminActionProhibitedDuringWeightsWindow');
  }
}
