import { InvalidEconomyInputError, rankSuppliers, supplierOrder, supplierReputation } from '../../src/economy';

const T = true;
const F = false;

describe('supplier reputation', () => {
  it('is validated / completed over the last W jobs', () => {
    expect(supplierReputation([T, T, F, T], 4)).toBe(0.75);
    // Only the last W count: an old failure ages out.
    expect(supplierReputation([F, T, T, T], 3)).toBe(1);
    expect(supplierReputation([T, T, T, F], 2)).toBe(0.5);
    // Fewer jobs than the window: the ratio over what there is.
    expect(supplierReputation([T, F], 10)).toBe(0.5);
    expect(supplierReputation([], 10)).toBe(0);
  });

  it('orders by reputation, ties by total jobs completed, then by id', () => {
    const ranked = rankSuppliers(
      [
        { id: 'veteran', outcomes: [F, T, T, T, T, T] }, // 5/5 over the window, 6 completed
        { id: 'newcomer', outcomes: [T] }, // 1/1, 1 completed
        { id: 'flaky', outcomes: [T, F, T, F, T, F] }, // 2/5 over the window
        { id: 'steady', outcomes: [T, T, T, T, T, T, T] }, // 5/5, 7 completed
        { id: 'idle', outcomes: [] },
        { id: 'another-newcomer', outcomes: [T] },
      ],
      5,
    );
    expect(ranked.map((s) => s.id)).toEqual(['steady', 'veteran', 'another-newcomer', 'newcomer', 'flaky', 'idle']);
    expect(ranked[0]).toEqual({ id: 'steady', reputation: 1, totalCompleted: 7 });
    expect(ranked.find((s) => s.id === 'flaky')!.reputation).toBeCloseTo(0.4, 12);
    expect(supplierOrder([T, F, T])).toBe(3);
  });

  it('rejects a window that is not a whole number ≥ 1', () => {
    expect(() => supplierReputation([T], 0)).toThrow(InvalidEconomyInputError);
    expect(() => rankSuppliers([], 1.5)).toThrow(InvalidEconomyInputError);
  });
});
