import { raoToTao } from '../chain';
import type { ScoresTable } from './read-scores';

const short = (address: string) => (address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address);

function tflopsText(x: number): string {
  if (x === 0) return '0';
  if (x >= 100) return x.toFixed(1);
  if (x >= 1) return x.toFixed(3);
  return x.toPrecision(3);
}

function alignedTable(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * The table `pog scores` prints: per uid the hotkey, axon, the throughput, class and result
 * each validator with readable evidence measured (several validators: joined with `/`, in the
 * order of the header), each validator's weight, incentive and emission; one line per validator above it.
 */
export function formatScores(table: ScoresTable): string {
  const out: string[] = [`subnet ${table.netuid} at block #${table.block}`];
  if (table.validators.length === 0) out.push('no validator has set weights or published evidence yet');
  for (const v of table.validators) {
    const ev = v.evidence;
    const what = ev.status === 'ok' ? `evidence round ${ev.round} (metagraph block #${ev.block}, ${ev.miners} miners; remark in block #${v.commitment?.remarkBlock ?? '?'})` : `evidence ${ev.status}: ${ev.reason}`;
    out.push(`validator uid ${v.uid} ${v.hotkey} stake ${raoToTao(BigInt(v.stakeRao))} α: ${what}`);
  }
  const withEvidence = table.validators.filter((v) => v.evidence.status === 'ok');
  const header = ['uid', 'hotkey', 'axon', 'TFLOP/s', 'class', 'result', ...table.validators.map((v) => `w[${v.uid}]`), 'incentive', 'emission α'];
  const rows = table.rows.map((r) => {
    const ms = withEvidence.map((v) => r.measurements.find((m) => m.validatorUid === v.uid));
    const any = ms.some((m) => m !== undefined);
    const join = (f: (m: NonNullable<(typeof ms)[number]>) => string) => (any ? ms.map((m) => (m ? f(m) : '-')).join('/') : '');
    return [
      String(r.uid),
      short(r.hotkey),
      r.axon ?? '-',
      join((m) => tflopsText(m.tflops)),
      join((m) => m.class ?? '-'),
      join((m) => (m.outcome === 'passed' ? 'pass' : `${m.outcome === 'failed' ? 'FAIL' : 'n/a'} ${m.code}`)),
      ...table.validators.map((v) => {
        const w = r.weights.find((x) => x.validatorUid === v.uid);
        return w ? w.value.toFixed(4) : '';
      }),
      r.incentive.toFixed(4),
      raoToTao(BigInt(r.emissionRao)),
    ];
  });
  const right = new Set([0, 3, ...table.validators.map((_, k) => 6 + k), 6 + table.validators.length, 7 + table.validators.length]);
  out.push('', ...alignedTable(header, rows, right));
  return `${out.join('\n')}\n`;
}
