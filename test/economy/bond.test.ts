import { InvalidEconomyInputError, settleBond, supplierBond } from '../../src/economy';

describe('supplier bond', () => {
  it('is BondModulation × job price / token price, in tokens', () => {
    expect(supplierBond(0.1, 60, 0.5)).toBeCloseTo(12, 12);
    expect(supplierBond(0.25, 25.2, 0.002)).toBeCloseTo(3150, 9);
    expect(supplierBond(0, 60, 0.5)).toBe(0);
    // Twice the token price, half the tokens: the bond's USD value is fixed.
    expect(supplierBond(0.1, 60, 1) * 2).toBeCloseTo(supplierBond(0.1, 60, 0.5), 12);
  });

  it('is returned on validation and confiscated on failure', () => {
    expect(settleBond(12, true)).toEqual({ returnedToSupplier: 12, confiscated: 0 });
    expect(settleBond(12, false)).toEqual({ returnedToSupplier: 0, confiscated: 12 });
  });

  it('rejects arguments outside the domain', () => {
    expect(() => supplierBond(0.1, 60, 0)).toThrow(InvalidEconomyInputError);
    expect(() => supplierBond(-0.1, 60, 1)).toThrow(InvalidEconomyInputError);
    expect(() => supplierBond(0.1, Number.NaN, 1)).toThrow(InvalidEconomyInputError);
    expect(() => settleBond(-1, true)).toThrow(InvalidEconomyInputError);
  });
});
