/**
 * Subnet hyperparameters and the AdminUtils setter of each. Names are btcli's
 * (`btcli sudo set --param …`), with the setter's own argument name as an alias. `rootOnly`
 * marks setters that only sudo may call on subtensor HEAD; the rest also take the subnet
 * owner there. Runtimes differ (on spec 293 `max_allowed_uids` is root-only), and the
 * metadata does not say who may call a setter, so an owner refused with `BadOrigin` is told
 * by `setHyperparameter` whether to try sudo (see hyperparameter-hints).
 */
export interface HyperparameterSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  /** AdminUtils call (snake_case) */
  readonly call: string;
  /** SubtensorModule (or AdminUtils) storage item holding the value, PascalCase */
  readonly storage: string;
  /** `subnet`: keyed by netuid and the call takes a netuid; `global`: one value */
  readonly scope: 'subnet' | 'global';
  readonly rootOnly: boolean;
}

const spec = (name: string, call: string, storage: string, rootOnly: boolean, aliases: string[] = [], scope: 'subnet' | 'global' = 'subnet'): HyperparameterSpec => ({
  name,
  aliases,
  call,
  storage,
  scope,
  rootOnly,
});

export const HYPERPARAMETERS: readonly HyperparameterSpec[] = [
  spec('tempo', 'sudo_set_tempo', 'Tempo', true),
  spec('weights_rate_limit', 'sudo_set_weights_set_rate_limit', 'WeightsSetRateLimit', true, ['weights_set_rate_limit']),
  spec('weights_version', 'sudo_set_weights_version_key', 'WeightsVersionKey', false, ['weights_version_key']),
  spec('commit_reveal_weights_enabled', 'sudo_set_commit_reveal_weights_enabled', 'CommitRevealWeightsEnabled', false, ['commit_reveal_enabled']),
  spec('commit_reveal_period', 'sudo_set_commit_reveal_weights_interval', 'RevealPeriodEpochs', false, ['commit_reveal_weights_interval', 'reveal_period_epochs']),
  spec('min_allowed_weights', 'sudo_set_min_allowed_weights', 'MinAllowedWeights', false),
  spec('max_weights_limit', 'sudo_set_max_weight_limit', 'MaxWeightsLimit', false, ['max_weight_limit']),
  spec('max_validators', 'sudo_set_max_allowed_validators', 'MaxAllowedValidators', true, ['max_allowed_validators']),
  spec('max_allowed_uids', 'sudo_set_max_allowed_uids', 'MaxAllowedUids', false, ['max_uids']),
  spec('immunity_period', 'sudo_set_immunity_period', 'ImmunityPeriod', false),
  spec('activity_cutoff', 'sudo_set_activity_cutoff', 'ActivityCutoff', false),
  spec('kappa', 'sudo_set_kappa', 'Kappa', true),
  spec('rho', 'sudo_set_rho', 'Rho', false),
  spec('min_burn', 'sudo_set_min_burn', 'MinBurn', false),
  spec('max_burn', 'sudo_set_max_burn', 'MaxBurn', false),
  spec('serving_rate_limit', 'sudo_set_serving_rate_limit', 'ServingRateLimit', false),
  spec('bonds_moving_avg', 'sudo_set_bonds_moving_average', 'BondsMovingAverage', false, ['bonds_moving_average']),
  spec('bonds_penalty', 'sudo_set_bonds_penalty', 'BondsPenalty', false),
  spec('registration_allowed', 'sudo_set_network_registration_allowed', 'NetworkRegistrationAllowed', true, ['network_registration_allowed']),
  spec('yuma3_enabled', 'sudo_set_yuma3_enabled', 'Yuma3On', false, ['yuma3']),
  spec('admin_freeze_window', 'sudo_set_admin_freeze_window', 'AdminFreezeWindow', true, [], 'global'),
  spec('network_rate_limit', 'sudo_set_network_rate_limit', 'NetworkRateLimit', true, [], 'global'),
  spec('stake_threshold', 'sudo_set_stake_threshold', 'StakeThreshold', true, ['min_stake'], 'global'),
];

const normal = (name: string) => name.trim().toLowerCase().replace(/-/g, '_');

/** The hyperparameter called `name` (btcli name, alias, or the AdminUtils call), or undefined. */
export function findHyperparameter(name: string): HyperparameterSpec | undefined {
  const n = normal(name).replace(/^sudo_set_/, '');
  return HYPERPARAMETERS.find((h) => h.name === n || h.aliases.includes(n) || h.call === `sudo_set_${n}`);
}
