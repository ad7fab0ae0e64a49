/**
 * The subset of subtensor's metadata the dev chain implements: every pallet, call, storage
 * item, event, error, constant and runtime API listed here is served with subtensor's
 * indexes, names and types, and each one has an implementation (the metadata tests check
 * both directions). `scripts/extract-subtensor-metadata.ts` copies these facts out of a
 * real subtensor metadata blob into `subtensor-metadata.json`.
 */
export interface PalletSelection {
  readonly calls?: readonly string[];
  readonly storage?: readonly string[];
  readonly events?: readonly string[];
  /** Errors are always taken whole, so every module error decodes to its subtensor name. */
  readonly errors?: boolean;
  readonly constants?: readonly string[];
}

export const PALLET_SELECTION: Readonly<Record<string, PalletSelection>> = {
  System: {
    calls: ['remark', 'remark_with_event'],
    storage: ['Account', 'ExtrinsicCount', 'BlockHash', 'Number', 'ParentHash', 'Digest', 'Events', 'EventCount'],
    events: ['ExtrinsicSuccess', 'ExtrinsicFailed', 'NewAccount', 'KilledAccount', 'Remarked'],
    errors: true,
    constants: ['BlockWeights', 'BlockLength', 'BlockHashCount', 'DbWeight', 'Version', 'SS58Prefix'],
  },
  Timestamp: { calls: ['set'], storage: ['Now'], constants: ['MinimumPeriod'] },
  Balances: {
    calls: ['transfer_allow_death', 'transfer_keep_alive', 'transfer_all', 'force_set_balance'],
    storage: ['TotalIssuance'],
    events: ['Endowed', 'Transfer', 'BalanceSet', 'Deposit', 'Withdraw'],
    errors: true,
    constants: ['ExistentialDeposit'],
  },
  TransactionPayment: { events: ['TransactionFeePaid'] },
  SubtensorModule: {
    calls: [
      'set_weights',
      'commit_weights',
      'reveal_weights',
      'add_stake',
      'remove_stake',
      'serve_axon',
      'burned_register',
      'register_network',
      'start_call',
      'recycle_alpha',
      'burn_alpha',
      'add_stake_burn',
      'commit_timelocked_weights',
    ],
    storage: [
      'AdminFreezeWindow', 'Owner', 'OwnedHotkeys', 'StakingHotkeys', 'TotalIssuance', 'TotalStake',
      'SubnetTAO', 'SubnetAlphaIn', 'SubnetAlphaOut', 'TotalHotkeyAlpha', 'TotalHotkeyShares', 'Alpha',
      'TotalNetworks', 'StartCallDelay', 'NetworkMinLockCost', 'NetworkLastLockCost', 'SubnetOwnerCut',
      'NetworkRateLimit', 'Tempo', 'FirstEmissionBlockNumber', 'SubnetMechanism', 'SubnetworkN',
      'NetworksAdded', 'IsNetworkMember', 'NetworkRegistrationAllowed', 'NetworkRegisteredAt',
      'PendingServerEmission', 'PendingValidatorEmission', 'PendingOwnerCut', 'BlocksSinceLastStep',
      'SubnetOwner', 'SubnetOwnerHotkey', 'ServingRateLimit', 'Rho', 'Kappa', 'MaxAllowedUids',
      'ImmunityPeriod', 'ActivityCutoff', 'MaxWeightsLimit', 'WeightsVersionKey', 'MinAllowedWeights',
      'MaxAllowedValidators', 'BondsMovingAverage', 'BondsPenalty', 'WeightsSetRateLimit',
      'CommitRevealWeightsEnabled', 'Burn', 'MinBurn', 'MaxBurn', 'Yuma3On', 'SubtokenEnabled',
      'StakeWeight', 'Uids', 'Keys', 'Active', 'Consensus', 'Incentive', 'Dividends', 'Emission',
      'LastUpdate', 'ValidatorTrust', 'ValidatorPermit', 'Weights', 'Bonds', 'BlockAtRegistration',
      'Axons', 'StakeThreshold', 'WeightCommits', 'RevealPeriodEpochs',
      'TimelockedWeightCommits', 'CommitRevealWeightsVersion',
    ],
    events: [
      'NetworkAdded', 'StakeAdded', 'StakeRemoved', 'WeightsSet', 'NeuronRegistered', 'MaxAllowedUidsSet',
      'KappaSet', 'MinAllowedWeightSet', 'WeightsSetRateLimitSet', 'ImmunityPeriodSet',
      'MaxAllowedValidatorsSet', 'AxonServed', 'WeightsVersionKeySet', 'ServingRateLimitSet',
      'MaxBurnSet', 'MinBurnSet', 'AdminFreezeWindowSet', 'TempoSet', 'StakeThresholdSet',
      'NetworkRateLimitSet', 'ActivityCutoffSet', 'FirstEmissionBlockNumberSet', 'AlphaRecycled',
      'AlphaBurned', 'WeightsCommitted', 'WeightsRevealed', 'CommitRevealPeriodsSet',
      'CommitRevealEnabled', 'AddStakeBurn',
      'TimelockedWeightsCommitted', 'TimelockedWeightsRevealed',
    ],
    errors: true,
  },
  // pallet_drand with no calls: the dev chain's own beacon writes its pulses in a block hook
  // (subtensor's off-chain worker sends them as unsigned `write_pulse` extrinsics instead).
  Drand: { storage: ['BeaconConfig', 'Pulses', 'LastStoredRound', 'OldestStoredRound'], events: ['NewPulse'] },
  Sudo: { calls: ['sudo', 'set_key'], storage: ['Key'], events: ['Sudid', 'KeyChanged'], errors: true },
  Commitments: {
    calls: ['set_commitment'],
    storage: ['CommitmentOf', 'LastCommitment', 'UsedSpaceOf', 'MaxSpace'],
    events: ['Commitment'],
    errors: true,
    constants: ['MaxFields'],
  },
  AdminUtils: {
    calls: [
      'sudo_set_admin_freeze_window',
      'sudo_set_tempo',
      'sudo_set_weights_set_rate_limit',
      'sudo_set_commit_reveal_weights_enabled',
      'sudo_set_commit_reveal_weights_interval',
      'sudo_set_min_burn',
      'sudo_set_max_burn',
      'sudo_set_min_allowed_weights',
      'sudo_set_weights_version_key',
      'sudo_set_network_rate_limit',
      'sudo_set_max_allowed_validators',
      'sudo_set_max_allowed_uids',
      'sudo_set_kappa',
      'sudo_set_activity_cutoff',
      'sudo_set_immunity_period',
      'sudo_set_serving_rate_limit',
      'sudo_set_stake_threshold',
    ],
    errors: true,
  },
};

/** Runtime APIs answered through `state_call`, by API and method. */
export const RUNTIME_API_SELECTION: Readonly<Record<string, readonly string[]>> = {
  Core: ['version'],
  Metadata: ['metadata', 'metadata_at_version', 'metadata_versions'],
  AccountNonceApi: ['account_nonce'],
  TransactionPaymentApi: ['query_info', 'query_fee_details'],
  NeuronInfoRuntimeApi: ['get_neurons_lite', 'get_neuron_lite'],
  SubnetInfoRuntimeApi: ['get_metagraph'],
  SubnetRegistrationRuntimeApi: ['get_network_registration_cost'],
};
