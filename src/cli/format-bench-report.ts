import type { PogBenchReport } from '../pog/bench';

const fixed = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** The human-readable table `pog bench` prints to stdout. */
export function formatBenchReport(r: PogBenchReport, presetName: string): string {
  const p = r.params;
  const id = r.identification;
  const lines: Array<[string, string]> = [
    ['device', r.device],
    ['workload', `${presetName}: ${p.rows} rows × width ${p.width}, depth ${p.depth}, head ${p.headWidth}, ${p.datapath}`],
    ['work per run', `${fixed(r.flops / 1e9, 2)} GFLOP`],
    ['throughput', `${fixed(r.gflops)} GFLOP/s (median of ${r.workloadMs.length} runs)`],
    ['reference GEMM', `${fixed(r.referenceGflops)} GFLOP/s (same shapes, plain MatMuls)`],
    ['efficiency', `${fixed(100 * r.efficiency)}% of the reference`],
    ['class', `${r.class}${id.candidates.length > 1 ? ` (also consistent: ${id.candidates.filter((c) => c !== r.class).join(', ')})` : ''}`],
    ['verification', `${r.verification.passed ? 'passed' : 'FAILED'}: ${r.verification.reason}`],
    ['validator cost', `${fixed(r.verifyMs)} ms per challenge (${(100 * r.validatorCostRatio).toPrecision(2)}% of the miner's FLOPs)`],
    ['commitment', `${fixed(r.commitMs)} ms to hash ${p.rows} rows`],
    ['session create', `${fixed(r.sessionCreateMs)} ms (first run only)`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return `${lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}
