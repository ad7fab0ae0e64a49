import type { MinerBenchReport } from './miner-bench';

const f = (x: number, d = 2) => x.toFixed(d);

export function formatMinerBench(r: MinerBenchReport): string {
  return [
    `miner GET /capacity      ${f(r.capacityPerSecond, 0)} signed requests/s = ${f(r.capacityVsHealth)}× unsigned GET /health (${f(r.healthPerSecond, 0)}/s; bar ≥ 0.5×: ${r.capacityVsHealth >= 0.5 ? 'met' : 'NOT met'}), ${r.requests} sequential each`,
    `   its signatures alone: sr25519 (wasm) sign ${f(r.signUs, 0)} µs, verify ${f(r.verifyUs, 0)} µs; two of each per exchange would hold /capacity to ≤ ${f(r.signatureBoundRatio)}× /health with nothing else`,
    ...r.overhead.map(
      (o) =>
        `miner overhead, ${o.preset.padEnd(4)}   ${f(o.overheadMs, 1)} ms per challenge + audit = ${f(o.overheadRatio, 3)} × the workload (${f(o.workloadMs, 1)} ms); ` +
        `round trip ${f(o.roundTripMs, 1)} ms (challenge ${f(o.challengeMs, 1)}, audit ${f(o.auditMs, 1)})`,
    ),
    '',
  ].join('\n');
}
