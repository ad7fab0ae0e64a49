import { InvalidRevenueError } from './errors';

/** Fixed-point decimals as bigints: every amount in the ledger is exact, never a float. */

/** 1 TAO = 10^9 rao; USD amounts and rates are kept with the same 9 decimals. */
export const DECIMALS = 9;
export const SCALE = 10n ** BigInt(DECIMALS);

/** `"12.5"` → 12_500_000_000n (scaled by 10^9). Rejects signs, exponents and more than 9 decimals. */
export function parseDecimal(label: string, text: string): bigint {
  const trimmed = text.trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!m) throw new InvalidRevenueError(`${label} must be a non-negative decimal number such as 12.5, got "${text}"`, { [label]: text });
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > DECIMALS) throw new InvalidRevenueError(`${label} has more than ${DECIMALS} decimals: "${text}"`, { [label]: text });
  return BigInt(m[1]!) * SCALE + BigInt(frac.padEnd(DECIMALS, '0') || '0');
}

/** 12_500_000_000n → `"12.5"`; negative values keep their sign. */
export function formatDecimal(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const frac = (abs % SCALE).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  return `${sign}${abs / SCALE}${frac ? `.${frac}` : ''}`;
}

/** A decimal string in its shortest form (`"012.50"` → `"12.5"`). */
export function normaliseDecimal(label: string, text: string): string {
  return formatDecimal(parseDecimal(label, text));
}

/** rao → TAO text, `1500000000n` → `"1.5"`. */
export const raoText = formatDecimal;

/**
 * USD at a rate of `usdPerTao` USD per TAO, as rao, rounded down to the rao: the buyback never
 * spends more TAO than the revenue bought. Both arguments are scaled by 10^9.
 */
export function usdToRao(usdScaled: bigint, usdPerTaoScaled: bigint): bigint {
  if (usdPerTaoScaled <= 0n) throw new InvalidRevenueError('the USD/TAO rate must be more than 0');
  return (usdScaled * SCALE) / usdPerTaoScaled;
}
