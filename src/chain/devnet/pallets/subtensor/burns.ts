import type { CallArgs, CallContext } from '../../runtime/call-context';
import { DispatchFailure } from '../../runtime/dispatch-error';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { disposeAlpha } from './burn-alpha';
import { accountArg, amountArg, netuidArg, optionalAmountArg } from './staking-args';
import { doAddStake, doAddStakeLimit } from './staking-flows';
import { lastAddStakeBurn, setLastAddStakeBurn } from './staking-rate-limits';
import { num, subnetOwner } from './subnet-state';

/**
 * recycle_alpha, burn_alpha and add_stake_burn, the subnet buyback: TAO staked through
 * the pool and the alpha it bought burned at once, in one call.
 */
const P = 'SubtensorModule';

function recycleAlpha(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  disposeAlpha(ctx, 'recycle', coldkey, accountArg(args.hotkey), amountArg(args.amount), netuidArg(args.netuid));
}

function burnAlpha(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  disposeAlpha(ctx, 'burn', coldkey, accountArg(args.hotkey), amountArg(args.amount), netuidArg(args.netuid));
}

/**
 * As in the subtensor whose error enum this metadata carries (commit 0c6868f75, spec 380,
 * with `AddStakeBurnRateLimitExceeded`): only the subnet owner may buy back, once per
 * `Tempo` blocks of the subnet. (Later subtensor opened the call to every coldkey and
 * dropped the rate limit.)
 */
function addStakeBurn(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  const hotkey = accountArg(args.hotkey);
  const netuid = netuidArg(args.netuid);
  const amount = amountArg(args.amount);
  const limit = optionalAmountArg(args.limit);
  if (subnetOwner(ctx.storage, netuid) !== coldkey) throw new DispatchFailure('BadOrigin', 'BadOrigin');
  const last = lastAddStakeBurn(ctx.storage, netuid);
  const tempo = num(ctx.storage.get(P, 'Tempo', [netuid]));
  if (last !== 0 && ctx.blockNumber - last < tempo) throw ctx.error(P, 'AddStakeBurnRateLimitExceeded');
  const alpha = limit === null
    ? doAddStake(ctx, coldkey, hotkey, netuid, amount)
    : doAddStakeLimit(ctx, coldkey, hotkey, netuid, amount, limit);
  disposeAlpha(ctx, 'burn', coldkey, hotkey, alpha, netuid);
  setLastAddStakeBurn(ctx.storage, netuid, ctx.blockNumber);
  ctx.emit(P, 'AddStakeBurn', [netuid, hotkey, amount, alpha]);
}

export const burnsArea: SubtensorArea = {
  calls: {
    recycle_alpha: { handler: recycleAlpha },
    burn_alpha: { handler: burnAlpha },
    add_stake_burn: { handler: addStakeBurn },
  },
};
