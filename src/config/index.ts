export { loadConfig, type ConfigSources } from './load-config';
export { ConfigError } from './errors';
export { benchConfigSchema, type BenchConfig } from './bench-config';
export { devnetConfigSchema, type DevnetConfig } from './devnet-config';
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
