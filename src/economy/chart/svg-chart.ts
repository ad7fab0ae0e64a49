import { formatQuantity, formatUsd } from '../format-number';
import type { SimulationResult } from '../simulator/result';

/** One line on the chart. */
export interface ChartSeries {
  key: string;
  label: string;
  values: readonly number[];
  /** How the series' maximum is written in the legend. */
  format: (value: number) => string;
  colour: string;
}

export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 64, right: 300, top: 48, bottom: 56 };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const coord = (v: number) => (Math.round(v * 100) / 100).toString();

/** The series `pog economy simulate --chart` draws: supply, token price and both reserves. */
export function economyChartSeries(r: SimulationResult): ChartSeries[] {
  const tokens = (v: number) => `${formatQuantity(v)} tokens`;
  return [
    { key: 'supply', label: 'Supply', values: r.series.supply, format: tokens, colour: '#1f77b4' },
    { key: 'tokenPrice', label: 'Token price', values: r.series.tokenPrice, format: formatUsd, colour: '#d62728' },
    { key: 'tokenReserve', label: 'Token reserve', values: r.series.tokenReserve, format: tokens, colour: '#2ca02c' },
    { key: 'dollarReserve', label: 'Dollar reserve', values: r.series.dollarReserve, format: formatUsd, colour: '#ff7f0e' },
  ];
}

/** Ticks on the day axis: about six, at round steps. */
function dayTicks(days: number): number[] {
  const raw = Math.max(1, (days - 1) / 6);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let d = 0; d <= days - 1; d += step) ticks.push(d);
  return ticks;
}

/**
 * An SVG line chart with no dependencies. The series have different units and scales, so each
 * is normalised to its own maximum (the y axis runs 0–100% of it); the legend gives each
 * maximum in its own unit. One <path> per series, one point per day. A dashed line marks the
 * start of phase 2.
 */
export function renderLineChart(series: readonly ChartSeries[], days: number, phaseTwoStart: number | undefined, options: ChartOptions = {}): string {
  const width = options.width ?? 960;
  const height = options.height ?? 480;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const x = (day: number) => MARGIN.left + (days > 1 ? (day / (days - 1)) * plotW : 0);
  const y = (fraction: number) => MARGIN.top + (1 - fraction) * plotH;
  const bottom = MARGIN.top + plotH;
  const out: string[] = [];

  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  const title = options.title ?? 'Burn-and-mint equilibrium';
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${MARGIN.left}" y="28" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);

  // Grid and y axis: 0–100% of each series' maximum.
  out.push('<g class="y-axis" stroke="#dddddd">');
  for (const f of [0, 0.25, 0.5, 0.75, 1]) out.push(`<line x1="${MARGIN.left}" y1="${coord(y(f))}" x2="${MARGIN.left + plotW}" y2="${coord(y(f))}"/>`);
  out.push('</g>');
  out.push('<g class="y-labels" text-anchor="end">');
  for (const f of [0, 0.25, 0.5, 0.75, 1]) out.push(`<text x="${MARGIN.left - 6}" y="${coord(y(f) + 4)}">${f * 100}%</text>`);
  out.push('</g>');
  out.push(`<text transform="translate(16 ${coord(MARGIN.top + plotH / 2)}) rotate(-90)" text-anchor="middle">share of the series' maximum</text>`);

  // X axis: days.
  out.push(`<line class="x-axis" x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}" stroke="#333333"/>`);
  out.push('<g class="x-labels" text-anchor="middle">');
  for (const d of dayTicks(days)) out.push(`<text x="${coord(x(d))}" y="${bottom + 18}">${d}</text>`);
  out.push('</g>');
  out.push(`<text x="${coord(MARGIN.left + plotW / 2)}" y="${height - 12}" text-anchor="middle">day</text>`);

  if (phaseTwoStart !== undefined && phaseTwoStart > 0 && phaseTwoStart < days) {
    out.push(`<line class="phase-two" x1="${coord(x(phaseTwoStart))}" y1="${MARGIN.top}" x2="${coord(x(phaseTwoStart))}" y2="${bottom}" stroke="#888888" stroke-dasharray="4 4"/>`);
    out.push(`<text x="${coord(x(phaseTwoStart) + 4)}" y="${MARGIN.top - 6}" fill="#555555">phase 2 →</text>`);
  }

  for (const s of series) {
    const max = Math.max(0, ...s.values);
    const points = s.values.map((v, day) => `${coord(x(day))},${coord(y(max > 0 ? v / max : 0))}`);
    out.push(`<path data-series="${escapeXml(s.key)}" d="M${points.join(' L')}" fill="none" stroke="${s.colour}" stroke-width="1.5"/>`);
  }

  // Legend: what each line is and the maximum it is scaled by.
  const legendX = MARGIN.left + plotW + 16;
  out.push('<g class="legend">');
  out.push(`<text x="${legendX}" y="${MARGIN.top + 4}" font-weight="bold">each line ÷ its maximum:</text>`);
  series.forEach((s, i) => {
    const rowY = MARGIN.top + 28 + i * 22;
    out.push(`<line x1="${legendX}" y1="${rowY - 4}" x2="${legendX + 20}" y2="${rowY - 4}" stroke="${s.colour}" stroke-width="3"/>`);
    out.push(`<text x="${legendX + 26}" y="${rowY}">${escapeXml(`${s.label} (max ${s.format(Math.max(0, ...s.values))})`)}</text>`);
  });
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The chart of a simulation run: supply, price and reserves over time. */
export function renderEconomyChart(r: SimulationResult, options: ChartOptions = {}): string {
  const title = options.title ?? `Burn-and-mint equilibrium: ${r.config.days} days, seed ${r.config.seed}`;
  return renderLineChart(economyChartSeries(r), r.config.days, r.config.phaseOneDays, { ...options, title });
}
