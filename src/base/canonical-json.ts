/** What canonical JSON does with NaN and ±Infinity, which JSON cannot write. */
export interface CanonicalJsonOptions {
  /**
   * `throw` (the default): a TypeError, since a digest over a value that cannot round-trip is
   * meaningless (the ledger's records). `null`: written as `null`, as JSON.stringify does
   * (the validator's state and evidence, where a non-finite score means "no score").
   */
  readonly nonFinite?: 'throw' | 'null';
}

/**
 * Canonical JSON: object keys sorted by code unit at every level, no whitespace, bigints as
 * decimal strings, undefined object values left out. The same value always gives the same
 * bytes, so a digest or checksum over it can be recomputed by anyone who holds the JSON.
 */
export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  const nullForNonFinite = options.nonFinite === 'null';
  const sortKeys = (v: unknown): unknown => {
    if (typeof v === 'bigint') return v.toString();
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const field = (v as Record<string, unknown>)[key];
        if (field !== undefined) out[key] = sortKeys(field);
      }
      return out;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      if (nullForNonFinite) return null;
      throw new TypeError(`canonical JSON has no form for ${v}`);
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}
