import { createHash } from 'node:crypto';
import type { Metagraph } from '../chain';
import { renderLineChart, type ChartSeries } from '../economy';
import { booksTotals, type LedgerState } from '../economy';
import type { ValidatorState } from '../records';
import type { RoundEvidence, RoundResult } from './read-files';
import { escapeHtml } from './escape';

/** One row of the miners table. */
export interface MinerRow {
  readonly uid: number;
  readonly hotkey: string;
  /** Validator-measured TFLOP/s in the miner's latest round (0 when nothing was verified). */
  readonly tflops: number;
  readonly class: string | null;
  /** From the validator's score state (null without one). */
  readonly score: number | null;
  readonly reliability: number | null;
  readonly passes: number | null;
  readonly rounds: number | null;
  readonly outcome: string | null;
  readonly code: string | null;
  readonly reason: string | null;
  /** The round the latest result is from. */
  readonly round: number | null;
  /** From the metagraph, when a chain is given: 0..1. */
  readonly incentive: number | null;
  /** Last epoch's emission in rao of alpha (decimal string), when a chain is given. */
  readonly emissionRao: string | null;
}

export interface ThroughputSeries {
  readonly uid: number;
  readonly hotkey: string;
  /** TFLOP/s per round of `rounds` (0 when the miner was not verified in that round or absent). */
  readonly tflops: readonly number[];
}

export interface BooksPoint {
  /** ISO time of the entry. */
  readonly time: string;
  /** Cumulative, in TAO (revenue received, TAO spent on buybacks) and alpha burned. */
  readonly revenueTao: number;
  readonly spentTao: number;
  readonly alphaBurned: number;
}

export interface BooksView {
  /** booksTotals with bigints as decimal strings (rao). */
  readonly totals: Record<string, unknown>;
  readonly series: readonly BooksPoint[];
  readonly svg: string | null;
}

export interface DashboardSnapshot {
  /** Content hash: changes exactly when the data changes (not with `generatedAt`). */
  readonly version: string;
  readonly generatedAt: string;
  readonly validator: { readonly netuid: number; readonly hotkey: string; readonly round: number } | null;
  readonly chain: { readonly netuid: number; readonly block: number } | null;
  readonly miners: readonly MinerRow[];
  readonly throughput: { readonly rounds: readonly number[]; readonly series: readonly ThroughputSeries[]; readonly svg: string | null };
  readonly classMix: { readonly counts: readonly { readonly class: string; readonly count: number }[]; readonly svg: string | null };
  readonly books: BooksView | null;
  /** Sources that could not be read, one line each. */
  readonly errors: readonly string[];
}

export interface SnapshotInput {
  readonly state?: ValidatorState | undefined;
  /** Oldest first. */
  readonly evidence?: readonly RoundEvidence[];
  readonly ledger?: LedgerState | undefined;
  readonly metagraph?: Metagraph | undefined;
  readonly errors?: readonly string[];
  readonly now?: Date;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const RAO = 1e9;
/** Lines drawn on the throughput chart (the highest-throughput miners). */
const MAX_CHART_SERIES = 10;

const stripXmlDeclaration = (svg: string) => svg.replace(/^<\?xml[^>]*\?>\s*/, '');

function minerRows(input: SnapshotInput): MinerRow[] {
  const latest = new Map<number, { round: number; result: RoundResult }>();
  for (const doc of input.evidence ?? []) for (const r of doc.results) latest.set(r.uid, { round: doc.round, result: r });
  const uids = new Set<number>(latest.keys());
  const stateMiners = input.state?.miners ?? {};
  for (const uid of Object.keys(stateMiners)) uids.add(Number(uid));
  const mg = input.metagraph;
  const chainIndex = new Map<number, number>();
  if (mg) mg.uids.forEach((uid, i) => chainIndex.set(uid, i));
  const rows: MinerRow[] = [];
  for (const uid of [...uids].sort((a, b) => a - b)) {
    const record = stateMiners[String(uid)];
    const ev = latest.get(uid);
    // The state's last result is at least as new as the newest evidence file kept.
    const last = record?.last ?? ev?.result ?? null;
    const i = chainIndex.get(uid);
    rows.push({
      uid,
      hotkey: record?.hotkey ?? ev?.result.hotkey ?? '',
      tflops: last?.tflops ?? 0,
      class: last?.class ?? null,
      score: record?.score ?? null,
      reliability: record?.reliability ?? null,
      passes: record?.passes ?? null,
      rounds: record?.rounds ?? null,
      outcome: last?.outcome ?? null,
      code: last?.code ?? null,
      reason: last?.reason ?? null,
      round: ev?.round ?? null,
      incentive: mg && i !== undefined ? (mg.incentive[i] ?? null) : null,
      emissionRao: mg && i !== undefined ? (mg.emission[i]?.toString() ?? null) : null,
    });
  }
  return rows;
}

function throughput(evidence: readonly RoundEvidence[]): DashboardSnapshot['throughput'] {
  const rounds = evidence.map((d) => d.round);
  const byUid = new Map<number, { hotkey: string; tflops: number[] }>();
  evidence.forEach((doc, i) => {
    for (const r of doc.results) {
      let s = byUid.get(r.uid);
      if (!s) {
        s = { hotkey: r.hotkey, tflops: new Array<number>(rounds.length).fill(0) };
        byUid.set(r.uid, s);
      }
      s.hotkey = r.hotkey;
      s.tflops[i] = r.outcome === 'passed' && Number.isFinite(r.tflops) ? r.tflops : 0;
    }
  });
  const series = [...byUid.entries()].sort(([a], [b]) => a - b).map(([uid, s]) => ({ uid, hotkey: s.hotkey, tflops: s.tflops }));
  if (rounds.length === 0 || series.length === 0) return { rounds, series, svg: null };
  const drawn = [...series].sort((a, b) => Math.max(0, ...b.tflops) - Math.max(0, ...a.tflops)).slice(0, MAX_CHART_SERIES).sort((a, b) => a.uid - b.uid);
  const chartSeries: ChartSeries[] = drawn.map((s, k) => ({
    key: `uid-${s.uid}`,
    label: `uid ${s.uid}`,
    values: s.tflops,
    format: (v) => `${v.toPrecision(4)} TFLOP/s`,
    colour: PALETTE[k % PALETTE.length]!,
  }));
  const first = rounds[0]!;
  const last = rounds[rounds.length - 1]!;
  const svg = renderLineChart(chartSeries, rounds.length, undefined, { title: `Verified throughput, rounds ${first}–${last}`, width: 900, height: 360 });
  // The shared chart labels its x axis in days; here each point is a validator round.
  return { rounds, series, svg: stripXmlDeclaration(svg).replace('>day</text>', '>round (index in the window)</text>') };
}

function classMix(rows: readonly MinerRow[]): DashboardSnapshot['classMix'] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const c = r.outcome === 'passed' && r.class ? r.class : r.outcome === null ? 'no result' : r.outcome === 'passed' ? 'unknown' : r.outcome;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const list = [...counts.entries()].map(([c, count]) => ({ class: c, count })).sort((a, b) => b.count - a.count || a.class.localeCompare(b.class));
  if (list.length === 0) return { counts: list, svg: null };
  // A horizontal bar chart: one bar per class, its length the number of miners.
  const width = 420;
  const rowH = 26;
  const labelW = 130;
  const height = 20 + list.length * rowH;
  const max = Math.max(...list.map((e) => e.count));
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" class="class-mix" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`];
  list.forEach((e, i) => {
    const y = 10 + i * rowH;
    const w = Math.max(2, Math.round(((width - labelW - 50) * e.count) / max));
    out.push(`<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(e.class)}</text>`);
    out.push(`<rect data-class="${escapeHtml(e.class)}" x="${labelW}" y="${y}" width="${w}" height="${rowH - 6}" fill="${PALETTE[i % PALETTE.length]!}"/>`);
    out.push(`<text x="${labelW + w + 6}" y="${y + 15}">${e.count}</text>`);
  });
  out.push('</svg>');
  return { counts: list, svg: out.join('') };
}

const toTao = (rao: bigint) => Number(rao) / RAO;

function books(state: LedgerState): BooksView {
  const totals = Object.fromEntries(Object.entries(booksTotals(state)).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
  const events: { time: string; seq: number; revenue: bigint; spent: bigint; alpha: bigint }[] = [];
  for (const r of state.revenues.values()) events.push({ time: r.time, seq: r.seq, revenue: r.taoRao, spent: 0n, alpha: 0n });
  for (const o of state.orders.values()) {
    if (o.state === 'confirmed') events.push({ time: o.settledAt ?? o.intendedAt, seq: o.seq, revenue: 0n, spent: o.taoRao ?? 0n, alpha: o.alphaRao ?? 0n });
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.seq - b.seq));
  let revenue = 0n;
  let spent = 0n;
  let alpha = 0n;
  const series: BooksPoint[] = events.map((e) => {
    revenue += e.revenue;
    spent += e.spent;
    alpha += e.alpha;
    return { time: e.time, revenueTao: toTao(revenue), spentTao: toTao(spent), alphaBurned: toTao(alpha) };
  });
  let svg: string | null = null;
  if (series.length > 0) {
    const tao = (v: number) => `${v.toFixed(3)} TAO`;
    const chart: ChartSeries[] = [
      { key: 'revenue', label: 'Revenue received', values: series.map((p) => p.revenueTao), format: tao, colour: '#1f77b4' },
      { key: 'spent', label: 'TAO spent on buybacks', values: series.map((p) => p.spentTao), format: tao, colour: '#ff7f0e' },
      { key: 'burned', label: 'Alpha burned', values: series.map((p) => p.alphaBurned), format: (v) => `${v.toFixed(3)} alpha`, colour: '#d62728' },
    ];
    svg = stripXmlDeclaration(renderLineChart(chart, series.length, undefined, { title: 'Buyback-and-burn books (cumulative)', width: 900, height: 360 })).replace('>day</text>', '>ledger entry</text>');
  }
  return { totals, series, svg };
}

/** The dashboard's data from what was read: pure, so it is tested without files. */
export function buildSnapshot(input: SnapshotInput): DashboardSnapshot {
  const evidence = input.evidence ?? [];
  const miners = minerRows(input);
  const newest = evidence[evidence.length - 1];
  const validator = input.state
    ? { netuid: input.state.netuid, hotkey: input.state.hotkey, round: input.state.round }
    : newest
      ? { netuid: newest.netuid, hotkey: newest.validator, round: newest.round }
      : null;
  const body = {
    validator,
    chain: input.metagraph ? { netuid: input.metagraph.netuid, block: input.metagraph.block } : null,
    miners,
    throughput: throughput(evidence),
    classMix: classMix(miners),
    books: input.ledger ? books(input.ledger) : null,
    errors: [...(input.errors ?? [])],
  };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { version, generatedAt: (input.now ?? new Date()).toISOString(), ...body };
}
