import { blake2AsHex } from '@polkadot/util-crypto';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, bigints as decimal strings,
 * no undefined values. The same value always gives the same bytes, so its hash can be
 * recomputed by anyone who holds the JSON.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for ${value}`);
  return value;
}

/** blake2-256 of the UTF-8 bytes, 0x-prefixed hex: what `system.remark_with_event` reports for a remark. */
export function blake2Hex(text: string): string {
  return blake2AsHex(new TextEncoder().encode(text), 256);
}
