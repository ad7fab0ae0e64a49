import type { CallArgs, CallContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { u16Arg, u16List, u64Arg } from './weights-args';
import { commitRevealEnabled } from './weights-rules';
import { applyWeights } from './weights-set';

/**
 * `set_weights(netuid, dests, weights, version_key)`, `Pays::No`. The dispatchable refuses it
 * with `CommitRevealEnabled` before even looking at the origin while the subnet uses
 * commit-reveal (dispatches.rs); weights then only arrive through `reveal_weights`.
 */
function setWeights(ctx: CallContext, args: CallArgs): void {
  const netuid = u16Arg(args.netuid);
  if (commitRevealEnabled(ctx.storage, netuid)) throw ctx.error('SubtensorModule', 'CommitRevealEnabled');
  const hotkey = ensureSigned(ctx);
  applyWeights(ctx, { hotkey, netuid, uids: u16List(args.dests), values: u16List(args.weights), versionKey: u64Arg(args.version_key) });
}

export const weightsArea: SubtensorArea = {
  calls: { set_weights: { handler: setWeights, paysFee: false } },
};
