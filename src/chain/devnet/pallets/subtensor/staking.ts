import type { CallArgs, CallContext, RuntimeContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { accountArg, amountArg, netuidArg } from './staking-args';
import { doAddStake, doRemoveStake } from './staking-flows';
import { clearStakeMarks } from './staking-rate-limits';
import { validateAddStake } from './staking-checks';

/**
 * add_stake / remove_stake: a coldkey moves TAO into a subnet's pool for alpha staked to
 * a hotkey, and back, at the pool's price.
 */
function addStake(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  doAddStake(ctx, coldkey, accountArg(args.hotkey), netuidArg(args.netuid), amountArg(args.amount_staked));
}

/** The pool-time check of add_stake (spec 293's transaction extension runs `validate_add_stake`): e.g. `AmountTooLow` is `Custom(1)`. */
function validateAddStakeCall(ctx: RuntimeContext, coldkey: string, args: CallArgs): void {
  const amount = amountArg(args.amount_staked);
  validateAddStake(ctx, coldkey, accountArg(args.hotkey), netuidArg(args.netuid), amount, amount);
}

function removeStake(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  doRemoveStake(ctx, coldkey, accountArg(args.hotkey), netuidArg(args.netuid), amountArg(args.amount_unstaked));
}

export const stakingArea: SubtensorArea = {
  calls: {
    add_stake: { handler: addStake, validate: validateAddStakeCall },
    remove_stake: { handler: removeStake },
  },
  onInitialize: (ctx) => clearStakeMarks(ctx.storage),
};
