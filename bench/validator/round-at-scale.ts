/**
 * One validator round over many miners at once, in one process of its own (forked by
 * runRoundAtScale, so that peak RSS and CPU are the round's alone): the stub miners
 * (stub-miners.ts) run in another child process and answer instantly, so every figure here is
 * the validator's own cost — its signing, HTTP, response checks and bookkeeping for all the
 * concurrent measurement loops. Reported: the validator's CPU during the exchange phase as a
 * fraction of the round's window (the bar: ≤ 5%), peak RSS, event-loop delay (p99, max) and
 * the peak number of open TCP sockets. The round uses the validator's default limits
 * (validatorConfigSchema), with concurrency = the number of miners.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { keypairFromUri } from '../../src/chain/keys';
import { roundTimingLimits, validatorConfigSchema } from '../../src/config';
import { silentLogger } from '../../src/logging';
import { jsReferencePair, preset, type PresetName, type ReferencePairFn } from '../../src/pog';
import { protocolCryptoReady } from '../../src/protocol';
import { runRound, type RoundOptions } from '../../src/validator';
import type { StubMinersReady } from './stub-miners';

export interface RoundAtScaleReport {
  readonly miners: number;
  readonly preset: PresetName;
  readonly windowMs: number;
  /** Miners whose measurement loop completed (committed and opened); the rest were unavailable. */
  readonly exchanged: number;
  /**
   * The first unavailable miner's code and reason, when some were (the stubs answer at once, so
   * it is the validator that fell behind: its loop too busy to send or count in time).
   */
  readonly firstUnavailable: string | null;
  readonly challenges: number;
  readonly exchangeMs: number;
  /** The validator process's CPU (user + system, all threads) during the exchange phase. */
  readonly exchangeCpuMs: number;
  /** exchangeCpuMs / windowMs. */
  readonly overheadOfWindow: number;
  readonly bar: number;
  readonly verifyMs: number;
  readonly rssBeforeMiB: number;
  /** The validator process's peak RSS (getrusage maxrss): its whole life, warm-up included. */
  readonly peakRssMiB: number;
  readonly loopDelayP50Ms: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /**
   * How many delays the histogram recorded (one per turn of the loop's 10 ms timer): far fewer
   * than exchangeMs / 10 means the loop was busy most of the time, and p99 is then its longest
   * few turns.
   */
  readonly loopDelaySamples: number;
  /** The machine's 1-minute load average at the end of the exchange, over its CPU count: above 1, other processes took part of the cores. */
  readonly loadPerCpu: number;
  readonly peakSockets: number;
}

const MiB = 2 ** 20;

function startStubs(count: number, presetName: PresetName): Promise<{ ready: StubMinersReady; stop: () => Promise<void> }> {
  const child = fork(join(__dirname, 'stub-miners.js'), [String(count), presetName], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.connected) child.send('stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => resolve({ ready: ready as StubMinersReady, stop }));
    child.once('exit', (code) => reject(new Error(`the stub miners exited (code ${code}) before listening`)));
  });
}

/** Runs measureRoundAtScale in a child process (this file, with --child) and returns its report. */
export function runRoundAtScale(progress: (line: string) => void = () => undefined, miners = 256, presetName: PresetName = 'ci'): Promise<RoundAtScaleReport> {
  const child = fork(__filename, ['--child', String(miners), presetName], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { progress?: string; report?: RoundAtScaleReport; error?: string }) => {
      if (m.progress) progress(m.progress);
      if (m.report) resolve(m.report);
      if (m.error) reject(new Error(m.error));
    });
    child.once('exit', (code) => reject(new Error(`the bench's validator process exited with code ${code} before reporting`)));
  });
}

if (process.argv[2] === '--child') {
  const send = (m: object) => process.send!(m);
  measureRoundAtScale((line) => send({ progress: line }), Number(process.argv[3]), process.argv[4] as PresetName)
    .then((report) => send({ report }), (error: unknown) => send({ error: (error as Error).message }))
    .finally(() => process.disconnect());
}

async function measureRoundAtScale(progress: (line: string) => void, miners: number, presetName: PresetName): Promise<RoundAtScaleReport> {
  await protocolCryptoReady();
  const validator = keypairFromUri('//Bench//validator');
  progress(`starting ${miners} stub miners (child process, one HTTP server and hotkey each)`);
  const { ready, stop } = await startStubs(miners, presetName);
  try {
    const defaults = validatorConfigSchema.parse({ netuid: 0 });
    let onVerify = () => undefined as void;
    const reference: ReferencePairFn = (seed, params, rows) => {
      onVerify();
      return jsReferencePair(seed, params, rows);
    };
    const options: RoundOptions = {
      signer: validator,
      params: preset(presetName),
      ...roundTimingLimits(defaults),
      concurrency: miners,
      reference,
      logger: silentLogger,
    };
    progress('warm-up round over 8 miners');
    await runRound(ready.targets.slice(0, 8), options);

    progress(`round over ${miners} miners at once (${presetName} preset, window ${defaults.window} s)`);
    const rssBefore = process.memoryUsage.rss();
    let peakSockets = 0;
    const sample = () => {
      peakSockets = Math.max(peakSockets, process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length);
    };
    const sampler = setInterval(sample, 50);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const cpuStart = process.cpuUsage();
    let exchangeCpu: NodeJS.CpuUsage | undefined;
    let loadAtExchangeEnd = 0;
    // The first reference call is the end of the exchange phase (runRound verifies afterwards).
    onVerify = () => {
      if (exchangeCpu) return;
      exchangeCpu = process.cpuUsage(cpuStart);
      loadAtExchangeEnd = loadavg()[0]! / cpus().length;
      delay.disable();
      sample();
      clearInterval(sampler);
    };
    const started = performance.now();
    const summary = await runRound(ready.targets, options);
    onVerify(); // no miner reached verification
    const roundMs = performance.now() - started;
    const exchanged = summary.results.filter((r) => r.outcome !== 'unavailable');
    const lost = summary.results.find((r) => r.outcome === 'unavailable');
    progress(`round done in ${roundMs.toFixed(0)} ms`);
    const exchangeCpuMs = (exchangeCpu!.user + exchangeCpu!.system) / 1000;
    return {
      miners,
      preset: presetName,
      windowMs: options.windowMs,
      exchanged: exchanged.length,
      firstUnavailable: lost ? `${lost.code}: ${lost.reason}` : null,
      challenges: summary.results.reduce((n, r) => n + (r.challenges ?? 0), 0),
      exchangeMs: summary.exchangeMs,
      exchangeCpuMs,
      overheadOfWindow: exchangeCpuMs / options.windowMs,
      bar: 0.05,
      verifyMs: summary.verifyMs,
      rssBeforeMiB: rssBefore / MiB,
      peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
      loopDelayP50Ms: delay.percentile(50) / 1e6,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
      loopDelaySamples: delay.count,
      loadPerCpu: loadAtExchangeEnd,
      peakSockets,
    };
  } finally {
    await stop();
  }
}

export function formatRoundAtScale(r: RoundAtScaleReport): string {
  return [
    `validator round over ${r.miners} stub miners at once (${r.preset} preset, instant answers, default limits): ${r.exchanged} measured, ${r.challenges} challenges, exchange ${(r.exchangeMs / 1000).toFixed(1)} s wall`,
    ...(r.firstUnavailable === null ? [] : [`   ${r.miners - r.exchanged} of ${r.miners} were unavailable (first: ${r.firstUnavailable}): the round did not measure every miner`]),
    `   validator CPU in the exchange ${(r.exchangeCpuMs / 1000).toFixed(2)} s = ${(100 * r.overheadOfWindow).toFixed(2)}% of the ${r.windowMs / 1000} s window (bar ≤ ${100 * r.bar}% with every miner measured: ${r.overheadOfWindow <= r.bar && r.exchanged === r.miners ? 'met' : 'NOT met'})`,
    `   peak RSS ${r.peakRssMiB.toFixed(0)} MiB (${r.rssBeforeMiB.toFixed(0)} before), event-loop delay p50 ${r.loopDelayP50Ms.toFixed(1)} ms, p99 ${r.loopDelayP99Ms.toFixed(1)} ms (max ${r.loopDelayMaxMs.toFixed(1)}; ${r.loopDelaySamples} turns of a 10 ms timer in ${(r.exchangeMs / 1000).toFixed(1)} s), peak open TCP sockets ${r.peakSockets}`,
    `   validator CPU / exchange wall ${(r.exchangeCpuMs / r.exchangeMs).toFixed(2)} cores; machine load ${r.loadPerCpu.toFixed(2)} per CPU (above 1: other processes, the stub miners' included, shared the cores)`,
    `   then verification of the ${r.preset}-preset audits (JS reference, sequential): ${(r.verifyMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
