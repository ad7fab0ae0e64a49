export { roundSignificand, rounderFor, FORMAT_SIGNIFICAND_BITS, type EmulatedFormat } from './rounding';
export { emulatedRows, type EmulatedDatapath } from './emulated-rows';
export { EMULATED_DATAPATHS } from './datapaths';
