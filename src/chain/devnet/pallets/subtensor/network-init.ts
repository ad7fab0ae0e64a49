import { Keyring } from '@polkadot/keyring';
import type { RuntimeContext } from '../../runtime/call-context';
import type { GenesisConfig } from '../../runtime/genesis-config';
import { TAO } from '../../runtime/genesis-config';
import { big, num } from './subnet-state';

const P = 'SubtensorModule';

/** `DefaultNeuronBurnCost`: the burn a new subnet starts with (subtensor HEAD's `init_new_network`). */
export const INITIAL_BURN = TAO;

/**
 * `init_new_network`: an empty, live subnet with subtensor's explicit defaults. The tempo is
 * `DefaultTempo`, which is the `Tempo` item's own default (10 in this fast-runtime metadata,
 * as on a localnet node). The setters' events are emitted as subtensor's setters emit them.
 */
export function initNewNetwork(ctx: RuntimeContext, netuid: number): void {
  const s = ctx.storage;
  s.set(P, 'SubnetworkN', [netuid], 0);
  s.set(P, 'NetworksAdded', [netuid], true);
  s.set(P, 'Tempo', [netuid], num(s.get(P, 'Tempo', [netuid])));
  s.set(P, 'TotalNetworks', [], num(s.get(P, 'TotalNetworks')) + 1);
  s.set(P, 'NetworkRegistrationAllowed', [netuid], true);
  const setters: [string, string, number][] = [
    ['MaxAllowedUids', 'MaxAllowedUidsSet', 256],
    ['MaxAllowedValidators', 'MaxAllowedValidatorsSet', 64],
    ['MinAllowedWeights', 'MinAllowedWeightSet', 1],
    ['ImmunityPeriod', 'ImmunityPeriodSet', 5000],
  ];
  for (const [item, event, value] of setters) {
    s.set(P, item, [netuid], value);
    ctx.emit(P, event, [netuid, value]);
  }
  // From subtensor HEAD: new subnets run Yuma 3 and start at a 1 TAO burn.
  s.set(P, 'Yuma3On', [netuid], true);
  s.set(P, 'Burn', [netuid], INITIAL_BURN);
  // Make the remaining parameters explicit, as subtensor does.
  s.set(P, 'Kappa', [netuid], num(s.get(P, 'Kappa', [netuid])));
  s.set(P, 'ActivityCutoff', [netuid], num(s.get(P, 'ActivityCutoff', [netuid])));
}

/**
 * `NetworkRateLimit` as subtensor's runtime sets it (`SubtensorInitialNetworkRateLimit`,
 * 7200 blocks): one subnet registration per 7200 blocks, the first ever exempt. (A localnet
 * built with the `pow-faucet` feature has 0; the storage default in this metadata is that 0.)
 * Sudo lowers it with `sudo_set_network_rate_limit` to create several subnets quickly.
 */
export const DEV_NETWORK_RATE_LIMIT = 7200n;

/**
 * The dev chain's admin freeze window. Subtensor's default is 10 blocks, which with the
 * fast-runtime tempo of 10 freezes a subnet's hyperparameters almost always (the window
 * covers every block but the one right after an epoch, for sudo too). 3 leaves 7 of every
 * 11 blocks open on a fresh dev subnet and keeps the rule in force.
 */
export const DEV_ADMIN_FREEZE_WINDOW = 3;

/**
 * Subtensor's genesis on a fast-runtime (localnet) node: the root subnet, owned by the sudo
 * account with `//Alice_hk` as its owner hotkey, and the chain's issuance mirrored into
 * `SubtensorModule.TotalIssuance`. (Subtensor's genesis also seeds a netuid 1; here the
 * first `register_network` creates it, so that it has a real owner.)
 */
export function buildRootGenesis(ctx: RuntimeContext, config: GenesisConfig): void {
  const s = ctx.storage;
  s.set(P, 'TotalIssuance', [], big(s.get('Balances', 'TotalIssuance')));
  s.set(P, 'NetworksAdded', [0], true);
  s.set(P, 'TotalNetworks', [], num(s.get(P, 'TotalNetworks')) + 1);
  s.set(P, 'SubnetOwner', [0], config.sudo);
  s.set(P, 'SubnetOwnerHotkey', [0], new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice_hk').address);
  s.set(P, 'SubnetworkN', [0], 0);
  s.set(P, 'MaxAllowedUids', [0], 64);
  s.set(P, 'MaxAllowedValidators', [0], 64);
  s.set(P, 'MinAllowedWeights', [0], 0);
  s.set(P, 'Tempo', [0], 100);
  s.set(P, 'NetworkRegistrationAllowed', [0], true);
  // Live chains enabled root staking by a migration; a fresh dev chain starts with it on.
  s.set(P, 'SubtokenEnabled', [0], true);
  s.set(P, 'NetworkRateLimit', [], DEV_NETWORK_RATE_LIMIT);
  s.set(P, 'AdminFreezeWindow', [], DEV_ADMIN_FREEZE_WINDOW);
}
