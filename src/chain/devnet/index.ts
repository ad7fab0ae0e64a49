export { startDevnet, DEVNET_DEFAULTS, type DevnetOptions, type RunningDevnet } from './start-devnet';
export { DevnetNode, type DevnetNodeOptions } from './node/devnet-node';
export { DevnetDataError } from './node/errors';
export { devGenesisConfig, TAO, type GenesisConfig } from './runtime/genesis-config';
/** The Yuma epoch (subtensor's `epoch()`), pure; the runtime runs it on the tempo rule in pallets/subtensor/epoch-schedule.ts. */
export { runEpoch as runYumaEpoch, type EpochInput, type EpochOutput } from './yuma';
export { parseCors } from './rpc/origin-policy';
