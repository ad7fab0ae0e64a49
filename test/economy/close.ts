/** Equality to floating tolerance: |a − b| ≤ rel · max(1, |a|, |b|). */
export function expectClose(actual: number, expected: number, rel = 1e-9, what = ''): void {
  const tolerance = rel * Math.max(1, Math.abs(actual), Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${what ? `${what}: ` : ''}expected ${expected}, got ${actual} (|Δ| = ${Math.abs(actual - expected)} > ${tolerance})`);
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
export { sum };
