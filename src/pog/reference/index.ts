export { referenceRows, honestRoundedRows, normRelu } from './reference-rows';
export { HONEST_ROUNDING, type HonestRounding } from './honest-rounding';
