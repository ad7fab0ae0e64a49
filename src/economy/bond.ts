import { InvalidEconomyInputError } from './errors';

/**
 * Supplier bonds (seed 004, §"Supplier Bonds"): before taking a paid job a supplier posts
 *   SupplierBond[k] = BondModulation × JobPrice[i] / PriceOfToken[t]   tokens,
 * returned once the work is validated and confiscated to the treasury (the token reserve) when
 * validation fails.
 */
export function supplierBond(bondModulation: number, jobPrice: number, tokenPrice: number): number {
  if (!Number.isFinite(bondModulation) || bondModulation < 0) throw new InvalidEconomyInputError(`bondModulation must be ≥ 0, got ${bondModulation}`, { bondModulation });
  if (!Number.isFinite(jobPrice) || jobPrice < 0) throw new InvalidEconomyInputError(`jobPrice must be ≥ 0, got ${jobPrice}`, { jobPrice });
  if (!Number.isFinite(tokenPrice) || tokenPrice <= 0) throw new InvalidEconomyInputError(`tokenPrice must be positive, got ${tokenPrice}`, { tokenPrice });
  return (bondModulation * jobPrice) / tokenPrice;
}

/** Where a posted bond goes once the job's validation is known. */
export interface BondSettlement {
  /** Tokens handed back to the supplier (the whole bond when validated). */
  returnedToSupplier: number;
  /** Tokens sent to the token reserve (the whole bond when validation failed). */
  confiscated: number;
}

export function settleBond(bondTokens: number, validated: boolean): BondSettlement {
  if (!Number.isFinite(bondTokens) || bondTokens < 0) throw new InvalidEconomyInputError(`a bond must be ≥ 0 tokens, got ${bondTokens}`, { bondTokens });
  return validated ? { returnedToSupplier: bondTokens, confiscated: 0 } : { returnedToSupplier: 0, confiscated: bondTokens };
}
