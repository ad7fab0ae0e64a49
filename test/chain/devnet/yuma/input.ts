import type { EpochInput } from '../../../../src/chain/devnet/yuma';

/**
 * An epoch input for `n` uids with subtensor's defaults (κ = 32767, bonds moving average
 * 900 000 ppm ⇒ α = 0.1, bonds penalty 1.0, Yuma3), no stake, no weights, no bonds,
 * every uid registered at block 0 and updated at block 1000 = currentBlock (so active).
 */
export function epochInput(n: number, overrides: Partial<EpochInput> = {}): EpochInput {
  return {
    currentBlock: 1000,
    activityCutoffBlocks: 5000,
    kappa: 32_767,
    bondsMovingAverage: 900_000,
    bondsPenalty: 65_535,
    yuma3: true,
    maxAllowedValidators: 64,
    stakeThreshold: 0n,
    ownerUid: null,
    stake: new Array<bigint>(n).fill(0n),
    lastUpdate: new Array<number>(n).fill(1000),
    blockAtRegistration: new Array<number>(n).fill(0),
    weights: Array.from({ length: n }, () => []),
    bonds: Array.from({ length: n }, () => []),
    minerEmission: 0n,
    validatorEmission: 0n,
    ...overrides,
  };
}
