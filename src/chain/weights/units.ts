/** 1 TAO (and 1 alpha) = 10^9 rao. */
export const RAO_PER_TAO = 1_000_000_000n;

/** The largest u16: subtensor's fixed-point "1.0" for weights, ratios, trust and incentive. */
export const U16_MAX = 65535;
