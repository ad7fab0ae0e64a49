import {
  alphaOutFor,
  buyAlpha,
  isqrt,
  maxStakeWithin,
  MIN_RESERVE,
  sellAlpha,
  swapFee,
  taoInToReach,
  taoOutFor,
} from '../../../../../../src/chain/devnet/pallets/subtensor/pool-math';

const TAO = 1_000_000_000n;

describe('subnet pool arithmetic (x·y = k)', () => {
  it('charges the swap fee of 33/65535, truncated as U64F64 arithmetic truncates', () => {
    expect(swapFee(10_000_000_000n)).toBe(5_035_477n); // 1e10·33/65535 = 5_035_477.2…
    expect(swapFee(2_000_000n)).toBe(1_007n); // DefaultMinStake's fee
    expect(swapFee(1_000n)).toBe(0n);
    // 21845·33/65535 is exactly 11, but the fixed-point rate sits just below 33/65535.
    expect(swapFee(21_845n)).toBe(10n);
  });

  it('prices a buy by the constant product', () => {
    // 200 TAO against 800 alpha: alpha out = 8e11·dy / (2e11 + dy)
    const r = { tao: 200n * TAO, alpha: 800n * TAO };
    expect(alphaOutFor(r, 10n * TAO)).toBe(38_095_238_095n); // 8e21 / 2.1e11
    expect(buyAlpha(r, 10n * TAO, 10n ** 15n)).toEqual({ paidIn: 9_994_964_523n, paidOut: 38_076_968_352n, fee: 5_035_477n });
    // k never shrinks: (2e11 + 9_994_964_523)·(8e11 − 38_076_968_352) ≥ 2e11·8e11
    expect((r.tao + 9_994_964_523n) * (r.alpha - 38_076_968_352n) >= r.tao * r.alpha).toBe(true);
  });

  it('prices a sell by the constant product, the fee taken in alpha', () => {
    const r = { tao: 200n * TAO, alpha: 800n * TAO };
    expect(taoOutFor(r, 40n * TAO)).toBe(9_523_809_523n); // 2e11·4e10 / 8.4e11
    // fee 20_141_908; dx = 39_979_858_092; out = 2e11·dx / (8e11 + dx)
    expect(sellAlpha(r, 40n * TAO)).toEqual({ paidIn: 39_979_858_092n, paidOut: 9_519_242_088n, fee: 20_141_908n });
  });

  it('refuses pools below the minimum reserve of what they pay out', () => {
    expect(buyAlpha({ tao: 100n * TAO, alpha: MIN_RESERVE - 1n }, TAO, 10n ** 15n)).toBe('ReservesTooLow');
    expect(sellAlpha({ tao: MIN_RESERVE - 1n, alpha: 100n * TAO }, TAO)).toBe('ReservesTooLow');
    expect(buyAlpha({ tao: 100n * TAO, alpha: MIN_RESERVE }, 3n, 10n ** 15n)).toBe('ReservesTooLow'); // pays out nothing
  });

  it('finds the TAO that lifts the price to a limit: √(limit·x·y) − y', () => {
    const r = { tao: 1_000n * TAO, alpha: 1_000n * TAO }; // price 1.0
    // to 1.21 TAO/alpha: √1.21e24 − 1e12 = 1e11
    expect(taoInToReach(r, 1_210_000_000n)).toBe(100n * TAO);
    expect(taoInToReach(r, 900_000_000n)).toBe(0n);
    // plus the fee on it: 1e11·33/65502
    expect(maxStakeWithin(r, 1_210_000_000n)).toBe(100_050_380_141n);
    expect(maxStakeWithin(r, 1_000_000_000n)).toBe('PriceLimitExceeded');
  });

  it('stops a buy at the price limit, charging the fee on what was used', () => {
    const r = { tao: 1_000n * TAO, alpha: 1_000n * TAO };
    // The maximum fits exactly: 1e11 enters, 1e12·1e11/1.1e12 alpha leaves.
    expect(buyAlpha(r, 100_050_380_141n, 1_210_000_000n)).toEqual({ paidIn: 100n * TAO, paidOut: 90_909_090_909n, fee: 50_380_141n });
    expect(buyAlpha(r, 200n * TAO, 1_210_000_000n)).toEqual({ paidIn: 100n * TAO, paidOut: 90_909_090_909n, fee: 50_380_141n });
    expect(buyAlpha(r, TAO, 1_000_000_000n)).toBe('PriceLimitExceeded');
  });

  it('takes integer square roots exactly', () => {
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(15n)).toBe(3n);
    expect(isqrt(16n)).toBe(4n);
    expect(isqrt(10n ** 42n)).toBe(10n ** 21n);
    expect(isqrt(10n ** 42n - 1n)).toBe(10n ** 21n - 1n);
  });
});
