/**
 * Legitimate signed-ping latency on the miner with and without a slow-socket attack from one
 * address, measured in one run on one server: p50 and p99 of sequential signed POST /ping from
 * 127.0.0.2 (each on a new connection), first with no attack, then while `sockets` sockets from
 * 127.0.0.1 send their headers a byte at a time (or a chunked body that never ends), reopening
 * whatever the miner closes. The attacker runs in a process of its own (slow-socket-attacker.ts).
 */
import { startBenchMiner } from './miner-bench';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { pingFor, quantile, type SlowMode } from './slow-sockets';

export interface SlowSocketBenchOptions {
  readonly sockets: number;
  /** Ping time per phase. */
  readonly durationMs: number;
  readonly modes: readonly SlowMode[];
}

export interface LatencySummary {
  readonly pings: number;
  readonly failures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface SlowSocketBenchReport {
  readonly sockets: number;
  readonly baseline: LatencySummary;
  readonly attacks: readonly (LatencySummary & { readonly mode: SlowMode; readonly p50Ratio: number; readonly p99Ratio: number; readonly attackerConnections: number })[];
}

const summarise = (latencies: number[], failures: string[]): LatencySummary => ({
  pings: latencies.length,
  failures: failures.length,
  p50Ms: quantile(latencies, 0.5),
  p99Ms: quantile(latencies, 0.99),
});

export async function runSlowSocketBench(options: SlowSocketBenchOptions, progress: (line: string) => void = () => undefined): Promise<SlowSocketBenchReport> {
  const { node, hotkey, validator } = await startBenchMiner(() => Promise.reject(new Error('no challenges in this bench')));
  const target = { port: node.port, receiver: hotkey.address, signer: validator, from: '127.0.0.2' };
  try {
    await pingFor(target, 300); // warm-up
    progress(`signed pings, no attack, ${options.durationMs} ms`);
    const quiet = await pingFor(target, options.durationMs);
    const baseline = summarise(quiet.latenciesMs, quiet.failures);
    const attacks = [];
    for (const mode of options.modes) {
      progress(`signed pings under ${options.sockets} slow sockets (${mode}) from 127.0.0.1, ${options.durationMs} ms`);
      const attacker = fork(join(__dirname, 'slow-socket-attacker.js'), [String(node.port), String(options.sockets), mode]);
      try {
        await new Promise((resolve) => attacker.once('message', resolve));
        await new Promise((r) => setTimeout(r, 500));
        const loud = await pingFor(target, options.durationMs);
        const s = summarise(loud.latenciesMs, loud.failures);
        const opened = await new Promise<number>((resolve) => {
          attacker.once('message', (m) => resolve((m as { opened: number }).opened));
          attacker.send('report');
        });
        attacks.push({ ...s, mode, p50Ratio: s.p50Ms / baseline.p50Ms, p99Ratio: s.p99Ms / baseline.p99Ms, attackerConnections: opened });
      } finally {
        const exited = new Promise((r) => attacker.once('exit', r));
        if (attacker.connected) attacker.send('stop');
        setTimeout(() => attacker.kill(), 2_000).unref();
        await exited;
      }
    }
    return { sockets: options.sockets, baseline, attacks };
  } finally {
    await node.stop(1000);
  }
}

export function formatSlowSocketBench(r: SlowSocketBenchReport): string {
  const f = (x: number) => x.toFixed(2);
  const b = r.baseline;
  return [
    `signed pings, no attack        p50 ${f(b.p50Ms)} ms, p99 ${f(b.p99Ms)} ms (${b.pings} answered, ${b.failures} failed)`,
    ...r.attacks.map(
      (a) =>
        `${r.sockets} slow sockets (${a.mode.padEnd(7)})  p50 ${f(a.p50Ms)} ms = ${f(a.p50Ratio)}×, p99 ${f(a.p99Ms)} ms = ${f(a.p99Ratio)}× (${a.pings} answered, ${a.failures} failed; ${a.attackerConnections} attacker connections opened)`,
    ),
  ].join('\n');
}
