export { runEpoch } from './run-epoch';
export type { EpochInput, EpochOutput } from './types';
export { EpochInputError } from './errors';
export { SUBTENSOR_EPOCH_DEFAULTS } from './defaults';
export { U16_MAX, proportionToU16, u16ToProportion } from './fixed';
export { weightedMedian } from './consensus';
export { apportion } from './emission';
export type { SparseRow } from './matrix';
