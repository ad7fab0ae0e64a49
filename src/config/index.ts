export { loadConfig, type ConfigSources } from './load-config';
export { ConfigError } from './errors';
export { benchConfigSchema, type BenchConfig } from './bench-config';
export { devnetConfigSchema, devnetEnvironment, type DevnetConfig } from './devnet-config';
export {
  DEFAULT_CHAIN_ENDPOINT,
  chainCommandConfigSchema,
  subnetCreateConfigSchema,
  subnetStartConfigSchema,
  subnetHyperparamsConfigSchema,
  registerConfigSchema,
  stakeConfigSchema,
  chainEnvironment,
  type ChainCommandConfig,
  type SubnetCreateConfig,
  type SubnetStartConfig,
  type SubnetHyperparamsConfig,
  type RegisterConfig,
  type StakeConfig,
} from './chain-config';
export { minerConfigSchema, minerEnvironment, type MinerConfig } from './miner-config';
export { DEFAULT_LEDGER_DIR, economyRevenueConfigSchema, economyBuybackConfigSchema, economyRecordConfigSchema, economyBooksConfigSchema, economyLedgerEnvironment, type EconomyRevenueConfig, type EconomyBuybackConfig, type EconomyRecordConfig, type EconomyBooksConfig } from './economy-ledger-config';
export { validatorConfigSchema, validatorEnvironment, roundTimingLimits, DEFAULT_VALIDATOR_STATE_ROOT, type ValidatorConfig } from './validator-config';
export { dashboardConfigSchema, dashboardEnvironment, type DashboardConfig } from './dashboard-config';
export { scoresConfigSchema, type ScoresConfig } from './scores-config';
export { demoConfigSchema, type DemoConfig } from './demo-config';
export { fromCli, keySources, environmentOf, sourcedKeys, unwrapKey, keyKind, parseText, type CliSource, type KeyKind } from './config-keys';
export { devUriSchema, chainEndpointSchema, logLevelSchema } from './shared-schemas';
