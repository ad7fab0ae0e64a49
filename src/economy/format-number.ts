/** Compact figures for tables and chart labels: 1.33 M, 2.53 k, 0.00317. */
export function formatQuantity(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toPrecision(digits)} G`;
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(digits)} M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(digits)} k`;
  if (abs >= 1 || abs === 0) return value.toFixed(abs >= 100 || abs === 0 ? 0 : 2);
  return value.toPrecision(digits);
}

/** A USD amount: $1.33 M, $0.00317. */
export function formatUsd(value: number, digits = 3): string {
  return value < 0 ? `−$${formatQuantity(-value, digits)}` : `$${formatQuantity(value, digits)}`;
}
