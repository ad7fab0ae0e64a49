export { startDevnet, DEVNET_DEFAULTS, type DevnetOptions, type RunningDevnet } from './start-devnet';
export { DevnetNode, type DevnetNodeOptions } from './node/devnet-node';
export { DevnetDataError } from './node/errors';
export { devGenesisConfig, TAO, type GenesisConfig } from './node/genesis-config';
