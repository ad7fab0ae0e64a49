import type { ValidatorState } from '../records';

/** One line per miner in `pog validator report`. */
export interface ReportRow {
  readonly uid: number;
  readonly hotkey: string;
  readonly score: number;
  readonly reliability: number;
  readonly rounds: number;
  readonly passes: number;
  readonly lastOutcome: string | null;
  readonly lastCode: string | null;
  readonly tflops: number;
  readonly class: string | null;
  readonly root: string | null;
  readonly lastReason: string | null;
  /** Why the score is zero (null when it is not). */
  readonly zeroReason: string | null;
}

export interface ValidatorReport {
  readonly netuid: number;
  readonly validator: string;
  readonly round: number;
  readonly lastEvidence: ValidatorState['lastEvidence'];
  readonly lastWeights: ValidatorState['lastWeights'];
  readonly miners: ReportRow[];
}

function zeroReason(record: ValidatorState['miners'][string]): string | null {
  if (record.score > 0) return null;
  if (record.last?.outcome === 'failed') return `failed verification in its last round: ${record.last.reason}`;
  if (record.lastFailure) return `failed verification (${record.lastFailure.code}): ${record.lastFailure.reason}; reliability restarts from 0`;
  if (record.last?.outcome === 'unavailable') return `unavailable: ${record.last.reason}`;
  if (record.last?.outcome === 'passed' && record.last.class === 'unknown') return `its throughput fits no catalogued class: ${record.last.reason}`;
  return 'no verified round yet';
}

export function buildReport(state: ValidatorState): ValidatorReport {
  const miners = Object.entries(state.miners)
    .map(([uid, r]): ReportRow => ({
      uid: Number(uid),
      hotkey: r.hotkey,
      score: r.score,
      reliability: r.reliability,
      rounds: r.rounds,
      passes: r.passes,
      lastOutcome: r.last?.outcome ?? null,
      lastCode: r.last?.code ?? null,
      tflops: r.last?.tflops ?? 0,
      class: r.last?.class ?? null,
      root: r.last?.root ?? null,
      lastReason: r.last?.reason ?? null,
      zeroReason: zeroReason(r),
    }))
    .sort((a, b) => a.uid - b.uid);
  return { netuid: state.netuid, validator: state.hotkey, round: state.round, lastEvidence: state.lastEvidence, lastWeights: state.lastWeights, miners };
}

/** The report as text: a header and one line per miner, then the reason for every zero. */
export function formatReport(report: ValidatorReport): string {
  const lines = [
    `validator ${report.validator} on subnet ${report.netuid}: ${report.round} rounds committed`,
    report.lastEvidence ? `last evidence: round ${report.lastEvidence.round} digest ${report.lastEvidence.digest} ${report.lastEvidence.block === null ? '(kept locally, not on chain)' : `(on chain at block ${report.lastEvidence.block})`}` : 'no evidence yet',
    report.lastWeights ? `last weights: ${report.lastWeights.mode} at block ${report.lastWeights.block} (round ${report.lastWeights.round})` : 'no weights set yet',
    '',
    ['uid', 'hotkey', 'score', 'reliab', 'TFLOP/s', 'class', 'last', 'rounds'].map((h, i) => h.padEnd([5, 50, 12, 8, 12, 11, 12, 6][i]!)).join(''),
  ];
  for (const m of report.miners) {
    lines.push(
      [String(m.uid), m.hotkey, m.score.toPrecision(4), m.reliability.toFixed(3), m.tflops.toPrecision(4), m.class ?? '-', m.lastOutcome ?? '-', `${m.passes}/${m.rounds}`]
        .map((v, i) => v.padEnd([5, 50, 12, 8, 12, 11, 12, 6][i]!))
        .join(''),
    );
  }
  const zeros = report.miners.filter((m) => m.zeroReason);
  if (zeros.length) {
    lines.push('', 'zero scores:');
    for (const m of zeros) lines.push(`  uid ${m.uid}: ${m.zeroReason}`);
  }
  return `${lines.join('\n')}\n`;
}
