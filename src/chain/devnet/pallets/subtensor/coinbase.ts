import { runEpoch } from '../../yuma';
import type { RuntimeContext } from '../../runtime/call-context';
import type { TypedStorage } from '../../state/typed-storage';
import type { SubtensorArea } from './index';
import { emitToSubnet } from './coinbase-emission';
import { payEpoch } from './coinbase-payout';
import { readEpochState } from './epoch-inputs';
import { writeEpochOutput } from './epoch-outputs';
import { shouldRunEpoch, tempoOf } from './epoch-schedule';
import { big, bool, num } from './subnet-state';

/**
 * Subtensor's per-block `run_coinbase` (in `on_initialize`): mint alpha into every emitting
 * subnet's pending emission, then for every subnet whose tempo comes due this block drain the
 * pending amounts, run its Yuma epoch and pay the result out as stake. The root subnet
 * (netuid 0) neither emits nor runs Yuma.
 */
const P = 'SubtensorModule';

/** Every registered subnet except root, in netuid order. */
export function nonRootSubnets(s: TypedStorage): number[] {
  return s
    .entries(P, 'NetworksAdded')
    .filter(([, added]) => bool(added))
    .map(([[netuid]]) => num(netuid!))
    .filter((netuid) => netuid !== 0)
    .sort((a, b) => a - b);
}

/** `get_subnets_to_emit_to`: started (FirstEmissionBlockNumber reached), subtoken on, registration open. */
export function emitsThisBlock(s: TypedStorage, netuid: number, block: number): boolean {
  const first = s.get(P, 'FirstEmissionBlockNumber', [netuid]);
  return (
    first !== null &&
    num(first) <= block &&
    bool(s.get(P, 'SubtokenEnabled', [netuid])) &&
    bool(s.get(P, 'NetworkRegistrationAllowed', [netuid]))
  );
}

/** Takes and zeroes a pending-emission item. */
function drain(s: TypedStorage, item: string, netuid: number): bigint {
  const v = big(s.get(P, item, [netuid]));
  s.set(P, item, [netuid], 0n);
  return v;
}

/** `drain_pending` + `distribute_emission` for one subnet whose epoch is due. */
export function runSubnetEpoch(s: TypedStorage, netuid: number, block: number): void {
  s.set(P, 'BlocksSinceLastStep', [netuid], 0n);
  const miner = drain(s, 'PendingServerEmission', netuid);
  const validator = drain(s, 'PendingValidatorEmission', netuid);
  const ownerCut = drain(s, 'PendingOwnerCut', netuid);
  const { input, hotkeys } = readEpochState(s, netuid, block, { miner, validator });
  const out = runEpoch(input);
  writeEpochOutput(s, netuid, out, input.ownerUid);
  payEpoch(s, netuid, hotkeys, out, ownerCut);
}

export function runCoinbase(ctx: RuntimeContext): void {
  const s = ctx.storage;
  const block = ctx.blockNumber;
  const subnets = nonRootSubnets(s);
  for (const netuid of subnets) if (emitsThisBlock(s, netuid, block)) emitToSubnet(s, netuid);
  for (const netuid of subnets) {
    s.set(P, 'BlocksSinceLastStep', [netuid], big(s.get(P, 'BlocksSinceLastStep', [netuid])) + 1n);
    if (shouldRunEpoch(netuid, tempoOf(s, netuid), block)) runSubnetEpoch(s, netuid, block);
  }
}

export const coinbaseArea: SubtensorArea = { onInitialize: runCoinbase };
