import { apportion, proportionToU16, u16ToProportion } from '../../../../src/chain/devnet/yuma';

describe('epoch: u16 quantization and bigint apportioning', () => {
  it('stores floor(x · 65535), saturating', () => {
    expect(proportionToU16(1)).toBe(65535);
    expect(proportionToU16(0.5)).toBe(32767); // 32767.5
    expect(proportionToU16(0.6)).toBe(39321); // 39321 exactly, despite 0.6 being inexact in float64
    expect(proportionToU16(1 / 3)).toBe(21845); // 21845 exactly (subtensor's I32F32 gives 21844)
    expect(proportionToU16(1.5)).toBe(65535);
    expect(proportionToU16(-0.1)).toBe(0);
    expect(proportionToU16(Number.NaN)).toBe(0);
    expect(u16ToProportion(65535)).toBe(1);
  });

  it('splits bigint amounts by shares without exceeding the total', () => {
    expect(apportion(1000n, [0.5, 0.25, 0.25])).toEqual([500n, 250n, 250n]);
    expect(apportion(10n, [0.5, 0.25, 0.25])).toEqual([5n, 2n, 2n]); // 2.5 ⇒ 2, 1 rao dust
    expect(apportion(1000n, [1 / 3, 1 / 3, 1 / 3])).toEqual([333n, 333n, 333n]);
    expect(apportion(1000n, [0, 0])).toEqual([0n, 0n]);
    expect(apportion(0n, [1])).toEqual([0n]);
    // float64 noise does not cost a rao: 0.3/0.4 = 0.7499999999999999, 30/100 etc. sum past 1
    expect(apportion(1000n, [0.3 / 0.4, 0.1 / 0.4])).toEqual([750n, 250n]);
    expect(apportion(1000n, [30 / 100, 10 / 100, 60 / 100])).toEqual([300n, 100n, 600n]);
    // 2000 uids at 1999/2000 rao each: snapping all of them up would pay 2000 > 1999 ⇒ all floored
    expect(apportion(1999n, new Array<number>(2000).fill(1 / 2000)).every((x) => x === 0n)).toBe(true);
    // precision beyond 2^53: half of u64::MAX each, floored
    expect(apportion(2n ** 64n - 1n, [0.5, 0.5])).toEqual([2n ** 63n - 1n, 2n ** 63n - 1n]);
  });
});
