import type { CallArgs, CallContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { buildRootGenesis, initNewNetwork } from './network-init';
import { lastLockBlock, networkLockCost, nextNetuid, SUBNET_LIMIT, userSubnetCount } from './network-lock';
import { ensureSubnetOwner } from './network-origin';
import { appendNeuron, createAccountIfNonExistent } from './registration-neurons';
import { canStake, withdrawForStake } from './staking-tao';
import { big, networkExists, ownerOf } from './subnet-state';

const P = 'SubtensorModule';
/** The dynamic (alpha pool) mechanism, the only one `register_network` creates. */
const DYNAMIC_MECHANISM = 1;

/**
 * `do_register_network`: the coldkey locks the network lock cost and gets the next netuid,
 * with its hotkey as uid 0 and the pool seeded with `NetworkMinLockCost` TAO against as
 * much alpha (price 1); the rest of the lock is recycled. Subnet pruning at the subnet
 * limit is not modelled: the limit is a hard `SubnetLimitReached`.
 */
function registerNetwork(ctx: CallContext, args: CallArgs): void {
  const coldkey = ensureSigned(ctx);
  const hotkey = args.hotkey!.toString();
  const s = ctx.storage;
  const block = ctx.blockNumber;
  const owner = ownerOf(s, hotkey);
  if (owner !== null && owner !== coldkey) throw ctx.error(P, 'NonAssociatedColdKey');
  const lastBlock = lastLockBlock(s);
  if (lastBlock !== 0 && BigInt(block - lastBlock) < big(s.get(P, 'NetworkRateLimit'))) {
    throw ctx.error(P, 'NetworkTxRateLimitExceeded');
  }
  if (userSubnetCount(s) >= SUBNET_LIMIT) throw ctx.error(P, 'SubnetLimitReached');
  const lock = networkLockCost(s, block);
  if (!canStake(ctx, coldkey, lock)) throw ctx.error(P, 'CannotAffordLockCost');

  const locked = withdrawForStake(ctx, coldkey, lock);
  s.set(P, 'NetworkLastLockCost', [], locked);
  const netuid = nextNetuid(s);
  initNewNetwork(ctx, netuid);
  createAccountIfNonExistent(s, coldkey, hotkey);
  appendNeuron(s, netuid, hotkey, block);
  s.set(P, 'SubnetMechanism', [netuid], DYNAMIC_MECHANISM);
  s.set(P, 'NetworkRegisteredAt', [netuid], BigInt(block));

  const poolTao = big(s.get(P, 'NetworkMinLockCost'));
  s.set(P, 'SubnetTAO', [netuid], poolTao);
  s.set(P, 'SubnetAlphaIn', [netuid], poolTao);
  s.set(P, 'SubnetOwner', [netuid], coldkey);
  s.set(P, 'SubnetOwnerHotkey', [netuid], hotkey);
  s.set(P, 'SubnetAlphaOut', [netuid], 0n);
  const recycled = locked > poolTao ? locked - poolTao : 0n;
  if (recycled > 0n) s.set(P, 'TotalIssuance', [], big(s.get(P, 'TotalIssuance')) - recycled);
  if (locked > 0n && poolTao > 0n) s.set(P, 'TotalStake', [], big(s.get(P, 'TotalStake')) + poolTao);
  ctx.emit(P, 'NetworkAdded', [netuid, DYNAMIC_MECHANISM]);
}

/** `do_start_call`: the owner opens emission from the next block and enables the subtoken. */
function startCall(ctx: CallContext, args: CallArgs): void {
  const netuid = Number(args.netuid!.toString());
  const s = ctx.storage;
  if (!networkExists(s, netuid)) throw ctx.error(P, 'SubnetNotExists');
  ensureSubnetOwner(ctx, netuid);
  if (s.has(P, 'FirstEmissionBlockNumber', [netuid])) throw ctx.error(P, 'FirstEmissionBlockNumberAlreadySet');
  const registeredAt = big(s.get(P, 'NetworkRegisteredAt', [netuid]));
  if (BigInt(ctx.blockNumber) < registeredAt + big(s.get(P, 'StartCallDelay'))) {
    throw ctx.error(P, 'NeedWaitingMoreBlocksToStarCall');
  }
  const first = BigInt(ctx.blockNumber + 1);
  s.set(P, 'FirstEmissionBlockNumber', [netuid], first);
  s.set(P, 'SubtokenEnabled', [netuid], true);
  ctx.emit(P, 'FirstEmissionBlockNumberSet', [netuid, first]);
}

export const networksArea: SubtensorArea = {
  buildGenesis: buildRootGenesis,
  calls: {
    register_network: { handler: registerNetwork },
    start_call: { handler: startCall },
  },
};
