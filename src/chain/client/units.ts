import { InvalidChainInputError } from './errors';

import { RAO_PER_TAO } from '../weights/units';

export { RAO_PER_TAO };

/**
 * A decimal TAO amount (`"1.5"`, `"0.000000001"`, `2`) as rao, exactly: no floating point,
 * at most 9 decimals. Throws {@link InvalidChainInputError} for anything else.
 */
export function taoToRao(tao: string | number): bigint {
  const text = typeof tao === 'number' ? (Number.isFinite(tao) ? tao.toFixed(9) : String(tao)) : tao.trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && !m[2])) throw new InvalidChainInputError(`"${tao}" is not an amount of TAO (a non-negative decimal number)`);
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 9) throw new InvalidChainInputError(`"${tao}" has more than 9 decimals (1 rao = 0.000000001 TAO)`);
  return BigInt(m[1]!) * RAO_PER_TAO + BigInt(decimals.padEnd(9, '0') || '0');
}

/** rao as a decimal TAO string without trailing zeros: 1500000000n → "1.5". */
export function raoToTao(rao: bigint): string {
  const sign = rao < 0n ? '-' : '';
  const abs = rao < 0n ? -rao : rao;
  const frac = (abs % RAO_PER_TAO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${sign}${abs / RAO_PER_TAO}${frac ? `.${frac}` : ''}`;
}
