import * as prom from 'prom-client';

/**
 * The project's Prometheus series, through prom-client (the ecosystem's registry and text
 * exposition format 0.0.4). Thin typed handles keep the call sites short (`inc(labels)`,
 * `set(value, labels)`) and keep the exposition as it was: labels in declared order, no blank
 * line between families, and a few checks prom-client does not make.
 */

export const PROMETHEUS_CONTENT_TYPE = prom.Registry.PROMETHEUS_CONTENT_TYPE;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value with backslash, double quote and line feed escaped, as the exposition writes it. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

abstract class Series<L extends string> {
  constructor(
    readonly name: string,
    readonly labelNames: readonly L[],
  ) {}

  /** The labels in declared order, every declared label present (prom-client accepts a missing one). */
  protected ordered(labels: Partial<Record<L, string>>): prom.LabelValues<L> {
    const out: Partial<Record<L, string>> = {};
    for (const l of this.labelNames) {
      const v = labels[l];
      if (v === undefined) throw new RangeError(`metric ${this.name} needs label ${l}`);
      out[l] = v;
    }
    return out as prom.LabelValues<L>;
  }

  protected async valueOf(metric: prom.Metric<L>, labels: Partial<Record<L, string>>, name = this.name): Promise<number> {
    const wanted = JSON.stringify(this.ordered(labels));
    const values = (await metric.get()).values as Array<prom.MetricValue<L> & { metricName?: string }>;
    // A histogram's values are its _bucket, _sum and _count samples, told apart by metricName.
    const found = values.find((v) => (v.metricName ?? this.name) === name && JSON.stringify(this.ordered(v.labels as Partial<Record<L, string>>)) === wanted);
    return found?.value ?? 0;
  }
}

export class Counter<L extends string = never> extends Series<L> {
  constructor(private readonly metric: prom.Counter<L>, name: string, labelNames: readonly L[]) {
    super(name, labelNames);
  }

  inc(labels: Record<L, string> = {} as Record<L, string>, by = 1): void {
    if (!(by >= 0)) throw new RangeError('a counter only goes up');
    this.metric.inc(this.ordered(labels), by);
  }

  /** The current value of one series (0 when it was never incremented). */
  get(labels: Record<L, string> = {} as Record<L, string>): Promise<number> {
    return this.valueOf(this.metric, labels);
  }
}

export class Gauge<L extends string = never> extends Series<L> {
  constructor(private readonly metric: prom.Gauge<L>, name: string, labelNames: readonly L[]) {
    super(name, labelNames);
  }

  set(value: number, labels: Record<L, string> = {} as Record<L, string>): void {
    this.metric.set(this.ordered(labels), value);
  }

  /** Drops every series (an unlabelled gauge shows 0 again). */
  reset(): void {
    this.metric.reset();
  }

  /** Drops one series, so it is absent from the exposition until it is set again. */
  remove(labels: Record<L, string> = {} as Record<L, string>): void {
    this.metric.remove(this.ordered(labels));
  }

  get(labels: Record<L, string> = {} as Record<L, string>): Promise<number> {
    return this.valueOf(this.metric, labels);
  }
}

export class Histogram<L extends string = never> extends Series<L> {
  constructor(private readonly metric: prom.Histogram<L>, name: string, labelNames: readonly L[], readonly buckets: readonly number[]) {
    super(name, labelNames);
  }

  observe(value: number, labels: Record<L, string> = {} as Record<L, string>): void {
    this.metric.observe(this.ordered(labels), value);
  }

  /** How many observations one series holds. */
  count(labels: Record<L, string> = {} as Record<L, string>): Promise<number> {
    return this.valueOf(this.metric, labels, `${this.name}_count`);
  }
}

export interface MetricsRegistryOptions {
  /** Also export prom-client's default process metrics (CPU, memory, event loop lag, GC). */
  readonly processMetrics?: boolean;
}

/** The metrics of one process (or one service in it), rendered in registration order. */
export class MetricsRegistry {
  readonly registry = new prom.Registry();
  private readonly names = new Set<string>();

  constructor(options: MetricsRegistryOptions = {}) {
    if (options.processMetrics) prom.collectDefaultMetrics({ register: this.registry });
  }

  private claim(name: string, labelNames: readonly string[]): void {
    if (!NAME.test(name)) throw new RangeError(`invalid metric name ${name}`);
    for (const l of labelNames) if (!LABEL.test(l) || l === 'le') throw new RangeError(`invalid label name ${l}`);
    if (this.names.has(name)) throw new RangeError(`metric ${name} is registered twice`);
    this.names.add(name);
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    this.claim(name, labelNames);
    return new Counter<L>(new prom.Counter<L>({ name, help, labelNames, registers: [this.registry] }), name, labelNames);
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    this.claim(name, labelNames);
    return new Gauge<L>(new prom.Gauge<L>({ name, help, labelNames, registers: [this.registry] }), name, labelNames);
  }

  histogram<L extends string = never>(name: string, help: string, buckets: readonly number[], labelNames: readonly L[] = []): Histogram<L> {
    this.claim(name, labelNames);
    const sorted = [...buckets].sort((a, b) => a - b);
    if (sorted.length === 0 || sorted.some((b, i) => !Number.isFinite(b) || (i > 0 && b === sorted[i - 1]))) {
      throw new RangeError('histogram buckets must be distinct finite numbers');
    }
    return new Histogram<L>(new prom.Histogram<L>({ name, help, labelNames, buckets: sorted, registers: [this.registry] }), name, labelNames, sorted);
  }

  /** The exposition text, one family after another with no blank line between, ending with a line feed. */
  async render(): Promise<string> {
    const text = (await this.registry.metrics()).replace(/\n\n+/g, '\n');
    return text.endsWith('\n') ? text : `${text}\n`;
  }
}
