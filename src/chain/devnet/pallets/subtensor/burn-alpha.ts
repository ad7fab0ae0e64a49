import type { RuntimeContext } from '../../runtime/call-context';
import { big, networkExists } from './subnet-state';
import { recycleSubnetAlpha } from './pool-state';
import { removeStakeAlpha, stakeOf } from './stake';
import { ensureHotkeyExists, ensureSubtokenEnabled } from './staking-checks';

/**
 * recycle_alpha / burn_alpha (staking/recycle_alpha.rs): a coldkey gives up alpha staked
 * to a hotkey. Recycling also takes it out of `SubnetAlphaOut`, so the subnet's alpha
 * issuance shrinks; burning leaves `SubnetAlphaOut` as it is, as subtensor does.
 */
const P = 'SubtensorModule';

export type AlphaDisposal = 'recycle' | 'burn';

/** Returns the alpha taken from the stake: `amount`, capped at what the coldkey holds. */
export function disposeAlpha(
  ctx: RuntimeContext,
  how: AlphaDisposal,
  coldkey: string,
  hotkey: string,
  amount: bigint,
  netuid: number,
): bigint {
  if (!networkExists(ctx.storage, netuid)) throw ctx.error(P, 'SubnetNotExists');
  if (netuid === 0) throw ctx.error(P, 'CannotBurnOrRecycleOnRootSubnet');
  ensureSubtokenEnabled(ctx, netuid);
  ensureHotkeyExists(ctx, hotkey);
  const held = stakeOf(ctx.storage, hotkey, coldkey, netuid);
  const alpha = amount < held ? amount : held;
  if (big(ctx.storage.get(P, 'SubnetAlphaOut', [netuid])) < alpha) throw ctx.error(P, 'InsufficientLiquidity');
  removeStakeAlpha(ctx.storage, hotkey, coldkey, netuid, alpha);
  if (how === 'recycle') {
    recycleSubnetAlpha(ctx.storage, netuid, alpha);
    ctx.emit(P, 'AlphaRecycled', [coldkey, hotkey, alpha, netuid]);
  } else {
    ctx.emit(P, 'AlphaBurned', [coldkey, hotkey, alpha, netuid]);
  }
  return alpha;
}
