/**
 * A minimal Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/).
 * No dependency; the miner's handful of series does not need one.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Readonly<Record<string, string>>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value with backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Prometheus spells non-finite values +Inf, -Inf and NaN. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

abstract class Metric<L extends string> {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
  ) {
    if (!NAME.test(name)) throw new RangeError(`invalid metric name ${name}`);
    for (const l of labelNames) if (!LABEL.test(l) || l === 'le') throw new RangeError(`invalid label name ${l}`);
  }

  protected key(labels: Partial<Record<L, string>>): { key: string; labels: Labels } {
    const ordered: Record<string, string> = {};
    for (const l of this.labelNames) {
      const v = labels[l];
      if (v === undefined) throw new RangeError(`metric ${this.name} needs label ${l}`);
      ordered[l] = v;
    }
    return { key: JSON.stringify(ordered), labels: ordered };
  }

  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  abstract samples(): string[];

  render(): string {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`, ...this.samples()].join('\n');
  }
}

export class Counter<L extends string = never> extends Metric<L> {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Record<L, string> = {} as Record<L, string>, by = 1): void {
    if (!(by >= 0)) throw new RangeError('a counter only goes up');
    const { key, labels: l } = this.key(labels);
    const entry = this.values.get(key) ?? { labels: l, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  get(labels: Record<L, string> = {} as Record<L, string>): number {
    return this.values.get(this.key(labels).key)?.value ?? 0;
  }

  samples(): string[] {
    if (this.labelNames.length === 0 && this.values.size === 0) return [`${this.name} 0`];
    return [...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${formatValue(e.value)}`);
  }
}

export class Gauge<L extends string = never> extends Metric<L> {
  readonly type = 'gauge';
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  set(value: number, labels: Record<L, string> = {} as Record<L, string>): void {
    const { key, labels: l } = this.key(labels);
    this.values.set(key, { labels: l, value });
  }

  get(labels: Record<L, string> = {} as Record<L, string>): number {
    return this.values.get(this.key(labels).key)?.value ?? 0;
  }

  samples(): string[] {
    if (this.labelNames.length === 0 && this.values.size === 0) return [`${this.name} 0`];
    return [...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${formatValue(e.value)}`);
  }
}

export class Histogram<L extends string = never> extends Metric<L> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]) {
    super(name, help, labelNames);
    const sorted = [...buckets].sort((a, b) => a - b);
    if (sorted.length === 0 || sorted.some((b, i) => !Number.isFinite(b) || (i > 0 && b === sorted[i - 1]))) {
      throw new RangeError('histogram buckets must be distinct finite numbers');
    }
    this.buckets = sorted;
  }

  observe(value: number, labels: Record<L, string> = {} as Record<L, string>): void {
    const { key, labels: l } = this.key(labels);
    const entry = this.series.get(key) ?? { labels: l, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((b, i) => {
      if (value <= b) entry.counts[i]! += 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key, entry);
  }

  count(labels: Record<L, string> = {} as Record<L, string>): number {
    return this.series.get(this.key(labels).key)?.count ?? 0;
  }

  samples(): string[] {
    const out: string[] = [];
    const all = [...this.series.values()];
    if (this.labelNames.length === 0 && all.length === 0) all.push({ labels: {}, counts: this.buckets.map(() => 0), sum: 0, count: 0 });
    for (const s of all) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${labelText(s.labels, ['le', formatValue(b)])} ${s.counts[i]!}`));
      out.push(`${this.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      out.push(`${this.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}`);
      out.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return out;
  }
}

/** The metrics of one process, rendered in registration order. */
export class MetricsRegistry {
  private readonly metrics: Metric<string>[] = [];

  register<M extends Metric<string>>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name)) throw new RangeError(`metric ${metric.name} is registered twice`);
    this.metrics.push(metric);
    return metric;
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.register(new Counter<L>(name, help, labelNames));
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.register(new Gauge<L>(name, help, labelNames));
  }

  histogram<L extends string = never>(name: string, help: string, buckets: readonly number[], labelNames: readonly L[] = []): Histogram<L> {
    return this.register(new Histogram<L>(name, help, labelNames, buckets));
  }

  /** The exposition text, ending with a line feed. */
  render(): string {
    return `${this.metrics.map((m) => m.render()).join('\n')}\n`;
  }
}
