/**
 * The adversarial suite's summary (issue 12), one line per attack: every attack of
 * test/adversarial/attacks.ts, run by the same code as its tests against the unmodified
 * validator round on one real onnxruntime CPU runner, credited throughput relative to the same
 * honest miner. Gain attacks: median over alternating rounds, per challenge the device could do
 * at its speed in that round (bar ≤ 1.10×), with the raw ratio beside it; caught attacks: how
 * they ended and the score left (bar: failed, score 0).
 */
import type { MinerTarget } from '../../src/validator';
import { ATTACKS, formatCaught, formatGain, runAttack, type AttackOutcome } from '../../test/adversarial/attacks';
import { Harness } from '../../test/adversarial/support/harness';

export const GAIN_BAR = 1.1;

export interface AdversarialBenchReport {
  readonly rows: number;
  readonly measureWindowMs: number;
  readonly honestTflops: number;
  readonly outcomes: readonly AttackOutcome[];
}

export async function runAdversarialBench(progress: (line: string) => void = () => undefined, reps = 5): Promise<AdversarialBenchReport> {
  const h = await Harness.start();
  try {
    const honest: MinerTarget = await h.miner('honest');
    await h.round([honest]); // a cold first round is not one to compare against
    let honestTflops = 0;
    for (let i = 0; i < 3 && honestTflops === 0; i++) honestTflops = (await h.round([honest]))[0]!.tflops;
    const outcomes: AttackOutcome[] = [];
    for (const [i, attack] of ATTACKS.entries()) {
      progress(`${i + 1}/${ATTACKS.length} ${attack.name}`);
      outcomes.push(await runAttack(h, attack, honest, reps, honestTflops));
    }
    return { rows: h.params.rows, measureWindowMs: h.measureWindowMs, honestTflops, outcomes };
  } finally {
    await h.close();
  }
}

/** Whether an outcome meets its bar. */
export const meetsBar = (o: AttackOutcome) => (o.kind === 'gain' ? o.ratio <= GAIN_BAR : o.outcome.startsWith('failed') && o.score === 0);

export function formatAdversarialBench(r: AdversarialBenchReport): string {
  const head = `adversarial suite (ci preset, ${r.rows} rows, ${r.measureWindowMs} ms window lately (20 challenges at the device's speed); honest ${(r.honestTflops * 1e3).toFixed(2)} GFLOP/s)`;
  const lines = r.outcomes.map((o) => `${meetsBar(o) ? 'ok ' : 'NOT'} ${o.kind === 'gain' ? formatGain(o) : formatCaught(o)}`);
  const met = r.outcomes.filter(meetsBar).length;
  return [head, ...lines, `${met}/${r.outcomes.length} attacks within their bar (gain ≤ ${GAIN_BAR}× per device capacity; caught: failed, score 0)`].join('\n');
}
