import type { TypedStorage } from '../../state/typed-storage';
import { big, num } from './subnet-state';

/**
 * The alpha a subnet mints each block and how it is split (run_coinbase.rs `emit_to_subnets`,
 * block_emission.rs `get_block_emission_for_issuance`). The dev chain keeps only the alpha side
 * of dTAO: it injects no TAO and no pool alpha (there is no TAO block emission to share out) and
 * pays no root dividends, so all of a subnet's alpha_out goes to its owner, miners and validators.
 */
const P = 'SubtensorModule';

/** Subtensor's `DefaultBlockEmission` (1 alpha) and `TotalSupply` (21M), in rao. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n;
export const TOTAL_SUPPLY = 21_000_000_000_000_000n;

/** U96F32 keeps 32 fractional bits; products and quotients are truncated. */
const FRAC = 32n;

/**
 * `get_block_emission_for_issuance`: 1 alpha per block, halved each time issuance covers
 * another half of what is left of the 21M supply (10.5M, 15.75M, …), 0 once it is reached.
 * The halving count k = ⌊log2(1 / (1 − issuance / supply))⌋ is taken exactly here.
 */
export function blockEmissionForIssuance(issuance: bigint): bigint {
  if (issuance >= TOTAL_SUPPLY) return 0n;
  const left = TOTAL_SUPPLY - issuance;
  let k = 0n;
  while (left << (k + 1n) <= TOTAL_SUPPLY) k++;
  return DEFAULT_BLOCK_EMISSION >> k;
}

export interface AlphaOutSplit {
  readonly ownerCut: bigint;
  readonly server: bigint;
  readonly validator: bigint;
}

/**
 * The owner takes SubnetOwnerCut / 65535 of alpha_out; miners (server) and validators halve
 * the rest. Each part is truncated to whole rao on its own, as the chain's `tou64!` does, so
 * up to 2 rao a block reach nobody (they still count in SubnetAlphaOut, as on subtensor).
 */
export function splitAlphaOut(alphaOut: bigint, ownerCutU16: number): AlphaOutSplit {
  const cutBits = (BigInt(ownerCutU16) << FRAC) / 65_535n;
  const ownerBits = alphaOut * cutBits;
  const restBits = (alphaOut << FRAC) - ownerBits;
  const serverBits = restBits >> 1n;
  return { ownerCut: ownerBits >> FRAC, server: serverBits >> FRAC, validator: (restBits - serverBits) >> FRAC };
}

/** Mints this block's alpha for a subnet into its pending emission. */
export function emitToSubnet(s: TypedStorage, netuid: number): AlphaOutSplit {
  const issuance = big(s.get(P, 'SubnetAlphaIn', [netuid])) + big(s.get(P, 'SubnetAlphaOut', [netuid]));
  const alphaOut = blockEmissionForIssuance(issuance);
  const split = splitAlphaOut(alphaOut, num(s.get(P, 'SubnetOwnerCut')));
  const add = (item: string, amount: bigint) => s.set(P, item, [netuid], big(s.get(P, item, [netuid])) + amount);
  add('SubnetAlphaOut', alphaOut);
  add('PendingOwnerCut', split.ownerCut);
  add('PendingServerEmission', split.server);
  add('PendingValidatorEmission', split.validator);
  return split;
}
