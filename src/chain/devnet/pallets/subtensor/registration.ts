import type { CallArgs, CallContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { createAccountIfNonExistent, neuronToPrune, registerNeuron } from './registration-neurons';
import { buyAlphaAndBurn, ensurePoolCanBuy } from './registration-pool';
import { canStake, withdrawForStake } from './staking-tao';
import { big, bool, networkExists, num, ownerOf, subnetworkN } from './subnet-state';

const P = 'SubtensorModule';

/**
 * `burned_register`: the coldkey pays the subnet's `Burn` for a uid for its hotkey. The
 * TAO buys alpha from the subnet pool (swap fee included) and that alpha is burned. The
 * pool is checked before paying, since events do not roll back. The burn price stays where
 * `Burn` is set (no per-interval adjustment), and there is no per-block or per-interval
 * registration cap, as on subtensor HEAD.
 */
function burnedRegister(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  const netuid = Number(args.netuid!.toString());
  const hotkey = args.hotkey!.toString();
  const s = ctx.storage;
  if (netuid === 0) throw ctx.error(P, 'RegistrationNotPermittedOnRootSubnet');
  if (!networkExists(s, netuid)) throw ctx.error(P, 'SubnetNotExists');
  if (!bool(s.get(P, 'NetworkRegistrationAllowed', [netuid]))) throw ctx.error(P, 'SubNetRegistrationDisabled');
  if (s.get(P, 'Uids', [netuid, hotkey]) !== null) throw ctx.error(P, 'HotKeyAlreadyRegisteredInSubNet');
  const cost = big(s.get(P, 'Burn', [netuid]));
  if (!canStake(ctx, coldkey, cost)) throw ctx.error(P, 'NotEnoughBalanceToStake');
  createAccountIfNonExistent(s, coldkey, hotkey);
  if (ownerOf(s, hotkey) !== coldkey) throw ctx.error(P, 'NonAssociatedColdKey');
  const maxUids = num(s.get(P, 'MaxAllowedUids', [netuid]));
  if (maxUids === 0) throw ctx.error(P, 'NoNeuronIdAvailable');
  if (subnetworkN(s, netuid) >= maxUids && neuronToPrune(s, netuid, ctx.blockNumber) === null) {
    throw ctx.error(P, 'NoNeuronIdAvailable');
  }
  ensurePoolCanBuy(ctx, netuid, cost);

  const paid = withdrawForStake(ctx, coldkey, cost);
  buyAlphaAndBurn(ctx, netuid, paid);
  const uid = registerNeuron(s, netuid, hotkey, ctx.blockNumber)!;
  ctx.emit(P, 'NeuronRegistered', [netuid, uid, hotkey]);
}

export const registrationArea: SubtensorArea = {
  calls: {
    burned_register: { handler: burnedRegister },
  },
};
