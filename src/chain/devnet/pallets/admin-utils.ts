import type { Codec } from '@polkadot/types/types';
import type { CallArgs, CallContext, CallDefinition, PalletRuntime } from '../runtime/call-context';
import { ensureRoot } from '../runtime/ensure-origin';
import { TAO } from '../runtime/genesis-config';
import { ensureAdminWindowOpen, ensureSubnetOwnerOrRoot } from './subtensor/network-origin';
import { big, networkExists, num, subnetworkN } from './subtensor/subnet-state';

/**
 * AdminUtils: subtensor's hyperparameter setters. Each checks, in subtensor's order, its
 * origin (root, or root or the subnet owner), the admin freeze window, that the subnet
 * exists, then its bounds, and writes through SubtensorModule with its `*Set` event. The
 * owner's per-parameter rate limit (`OwnerHyperparamRateLimit`) is not modelled.
 */
const A = 'AdminUtils';
const P = 'SubtensorModule';

/** Runtime constants: `MinBurnUpperBound`, `MaxBurnLowerBound`, `DefaultMinAllowedUids`, `DefaultMaxAllowedUids`, `MinActivityCutoff`. */
const MIN_BURN_UPPER_BOUND = TAO;
const MAX_BURN_LOWER_BOUND = TAO / 10n;
const MIN_ALLOWED_UIDS = 64;
const DEFAULT_MAX_ALLOWED_UIDS = 256;
const MIN_ACTIVITY_CUTOFF = 360;
/** `MIN_COMMIT_REVEAL_PEROIDS` / `MAX_COMMIT_REVEAL_PEROIDS`. */
const MIN_REVEAL_PERIOD = 1n;
const MAX_REVEAL_PERIOD = 100n;

interface SubnetSetter {
  /** Metadata name of the value argument. */
  readonly arg: string;
  readonly ownerMay: boolean;
  readonly freezeWindow: boolean;
  readonly needsSubnet: boolean;
  /** Bounds checks, after the common ones. */
  readonly check?: (ctx: CallContext, netuid: number, value: Codec) => void;
  readonly apply: (ctx: CallContext, netuid: number, value: Codec) => void;
}

/** A plain `Item[netuid] = value` setter with its `Event(netuid, value)`. */
function store(item: string, event: string, convert: (v: Codec) => unknown = (v) => BigInt(v.toString())) {
  return (ctx: CallContext, netuid: number, value: Codec) => {
    const v = convert(value);
    ctx.storage.set(P, item, [netuid], v);
    ctx.emit(P, event, [netuid, v]);
  };
}

function subnetSetter(def: SubnetSetter): CallDefinition {
  return {
    handler: (ctx: CallContext, args: CallArgs) => {
      const netuid = Number(args.netuid!.toString());
      if (def.ownerMay) ensureSubnetOwnerOrRoot(ctx, netuid);
      else ensureRoot(ctx);
      if (def.freezeWindow) ensureAdminWindowOpen(ctx, netuid);
      if (def.needsSubnet && !networkExists(ctx.storage, netuid)) throw ctx.error(A, 'SubnetDoesNotExist');
      const value = args[def.arg]!;
      def.check?.(ctx, netuid, value);
      def.apply(ctx, netuid, value);
    },
  };
}

/** A root-only global setter: `Item = value` with `Event(value)`. */
function globalSetter(arg: string, item: string, event: string): CallDefinition {
  return {
    handler: (ctx: CallContext, args: CallArgs) => {
      ensureRoot(ctx);
      const v = BigInt(args[arg]!.toString());
      ctx.storage.set(P, item, [], v);
      ctx.emit(P, event, [v]);
    },
  };
}

const ROOT_ONLY = { ownerMay: false, needsSubnet: true } as const;
const OWNER_OR_ROOT = { ownerMay: true, freezeWindow: true, needsSubnet: true } as const;

function bounded(ok: (v: bigint, ctx: CallContext, netuid: number) => boolean, pallet: string, error: string) {
  return (ctx: CallContext, netuid: number, value: Codec) => {
    if (!ok(BigInt(value.toString()), ctx, netuid)) throw ctx.error(pallet, error);
  };
}

export const adminUtilsPallet: PalletRuntime = {
  name: A,
  calls: {
    sudo_set_admin_freeze_window: globalSetter('window', 'AdminFreezeWindow', 'AdminFreezeWindowSet'),
    sudo_set_network_rate_limit: globalSetter('rate_limit', 'NetworkRateLimit', 'NetworkRateLimitSet'),
    sudo_set_stake_threshold: globalSetter('min_stake', 'StakeThreshold', 'StakeThresholdSet'),
    sudo_set_tempo: subnetSetter({ ...ROOT_ONLY, arg: 'tempo', freezeWindow: true, apply: store('Tempo', 'TempoSet') }),
    sudo_set_weights_set_rate_limit: subnetSetter({
      ...ROOT_ONLY,
      arg: 'weights_set_rate_limit',
      freezeWindow: false,
      apply: store('WeightsSetRateLimit', 'WeightsSetRateLimitSet'),
    }),
    sudo_set_kappa: subnetSetter({ ...ROOT_ONLY, arg: 'kappa', freezeWindow: false, apply: store('Kappa', 'KappaSet') }),
    sudo_set_max_allowed_validators: subnetSetter({
      ...ROOT_ONLY,
      arg: 'max_allowed_validators',
      freezeWindow: true,
      check: bounded((v, ctx, n) => v <= BigInt(num(ctx.storage.get(P, 'MaxAllowedUids', [n]))), A, 'MaxValidatorsLargerThanMaxUIds'),
      apply: store('MaxAllowedValidators', 'MaxAllowedValidatorsSet'),
    }),
    sudo_set_commit_reveal_weights_enabled: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'enabled',
      apply: store('CommitRevealWeightsEnabled', 'CommitRevealEnabled', (v) => v.toJSON() === true),
    }),
    sudo_set_commit_reveal_weights_interval: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'interval',
      check: (ctx, _netuid, value) => {
        const v = BigInt(value.toString());
        if (v > MAX_REVEAL_PERIOD) throw ctx.error(P, 'RevealPeriodTooLarge');
        if (v < MIN_REVEAL_PERIOD) throw ctx.error(P, 'RevealPeriodTooSmall');
      },
      apply: store('RevealPeriodEpochs', 'CommitRevealPeriodsSet'),
    }),
    sudo_set_min_burn: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'min_burn',
      check: bounded((v, ctx, n) => v < MIN_BURN_UPPER_BOUND && v < big(ctx.storage.get(P, 'MaxBurn', [n])), A, 'ValueNotInBounds'),
      apply: store('MinBurn', 'MinBurnSet'),
    }),
    sudo_set_max_burn: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'max_burn',
      check: bounded((v, ctx, n) => v > MAX_BURN_LOWER_BOUND && v > big(ctx.storage.get(P, 'MinBurn', [n])), A, 'ValueNotInBounds'),
      apply: store('MaxBurn', 'MaxBurnSet'),
    }),
    sudo_set_min_allowed_weights: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'min_allowed_weights',
      apply: store('MinAllowedWeights', 'MinAllowedWeightSet'),
    }),
    sudo_set_weights_version_key: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'weights_version_key',
      apply: store('WeightsVersionKey', 'WeightsVersionKeySet'),
    }),
    sudo_set_max_allowed_uids: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'max_allowed_uids',
      check: (ctx, netuid, value) => {
        const v = Number(value.toString());
        if (v < MIN_ALLOWED_UIDS) throw ctx.error(A, 'MaxAllowedUidsLessThanMinAllowedUids');
        if (subnetworkN(ctx.storage, netuid) > v) throw ctx.error(A, 'MaxAllowedUIdsLessThanCurrentUIds');
        if (v > DEFAULT_MAX_ALLOWED_UIDS) throw ctx.error(A, 'MaxAllowedUidsGreaterThanDefaultMaxAllowedUids');
      },
      apply: store('MaxAllowedUids', 'MaxAllowedUidsSet'),
    }),
    sudo_set_activity_cutoff: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'activity_cutoff',
      check: bounded((v) => v >= MIN_ACTIVITY_CUTOFF, P, 'ActivityCutoffTooLow'),
      apply: store('ActivityCutoff', 'ActivityCutoffSet'),
    }),
    sudo_set_immunity_period: subnetSetter({
      ...OWNER_OR_ROOT,
      arg: 'immunity_period',
      apply: store('ImmunityPeriod', 'ImmunityPeriodSet'),
    }),
    // Subtensor does not check that the subnet exists here.
    sudo_set_serving_rate_limit: subnetSetter({
      ...OWNER_OR_ROOT,
      needsSubnet: false,
      arg: 'serving_rate_limit',
      apply: store('ServingRateLimit', 'ServingRateLimitSet'),
    }),
  },
};
