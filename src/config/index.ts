export { loadConfig, type ConfigSources } from './load-config';
export { ConfigError } from './errors';
export { benchConfigSchema, type BenchConfig } from './bench-config';
export { devnetConfigSchema, type DevnetConfig } from './devnet-config';
