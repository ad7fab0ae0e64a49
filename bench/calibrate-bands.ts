/**
 * Tolerance-band calibration. For several seeds (the same seeds for every datapath, since the
 * chain amplifies rounding noise differently per seed) it computes, for audited rows:
 *   ρ = ‖y − y_ref‖/‖y_ref‖ of an emulated miner datapath (honest or cheating), and
 *   σ = the same for the validator's honest-rounded replay of the declared datapath,
 * and prints median ρ, max ρ and the ratio median(ρ)/median(σ) that the verifier bounds.
 * The bands in src/pog/verifier/bands.ts are set from these figures (docs/pog.md).
 *
 *   npm run build && node dist/bench/calibrate-bands.js [--preset ci|demo|gpu] [--seeds 4] [--rows 16] [--only fp16,bf16]
 */
import { randomBytes } from 'node:crypto';
import { EMULATED_DATAPATHS, emulatedRows } from '../src/pog/emulation';
import { honestRoundedRows, referenceRows } from '../src/pog/reference';
import { median, rowResiduals } from '../src/pog/verifier/residual';
import { generateMatrices, preset, type Datapath, type PresetName } from '../src/pog/workload';

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const presetName = argument('preset', 'ci') as PresetName;
const seeds = Number(argument('seeds', '4'));
const rowsPerSeed = Number(argument('rows', '16'));
const only = argument('only', '').split(',').filter(Boolean);

/** The datapath each emulated computation declares. */
const DECLARED: Record<keyof typeof EMULATED_DATAPATHS, Datapath> = {
  fp32: 'fp32',
  tf32: 'tf32',
  fp16: 'fp16',
  bf16: 'fp16',
  fp16Accumulate: 'fp16',
  fp8: 'fp16',
};

interface Tally { rho: number[]; ratios: number[]; sigma: number[] }
const tallies = new Map<string, Tally>();
for (let s = 0; s < seeds; s++) {
  const seed = randomBytes(32);
  for (const [name, datapath] of Object.entries(EMULATED_DATAPATHS) as Array<[keyof typeof EMULATED_DATAPATHS, (typeof EMULATED_DATAPATHS)[keyof typeof EMULATED_DATAPATHS]]>) {
    if (only.length && !only.includes(name)) continue;
    const params = preset(presetName, { datapath: DECLARED[name] });
    const matrices = generateMatrices(seed, params);
    const rows = Array.from({ length: rowsPerSeed }, (_, i) => Math.floor((i * params.rows) / rowsPerSeed) + s);
    const exact = referenceRows(seed, params, rows, matrices);
    const sigma = rowResiduals(honestRoundedRows(seed, params, rows, matrices), exact, params.headWidth);
    const rho = rowResiduals(emulatedRows(seed, params, rows, datapath, matrices), exact, params.headWidth);
    const tally = tallies.get(name) ?? { rho: [], ratios: [], sigma: [] };
    tally.rho.push(...rho);
    tally.sigma.push(...sigma);
    tally.ratios.push(median(rho) / median(sigma));
    tallies.set(name, tally);
  }
  process.stderr.write(`calibrate: seed ${s + 1}/${seeds} done\n`);
}

const p = preset(presetName);
process.stdout.write(`preset ${presetName}: width ${p.width}, depth ${p.depth}, headWidth ${p.headWidth}; ${seeds} seeds × ${rowsPerSeed} rows\n`);
console.table(
  [...tallies].map(([name, t]) => ({
    datapath: name,
    declared: DECLARED[name as keyof typeof DECLARED],
    'median ρ': median(t.rho).toExponential(2),
    'max ρ': Math.max(...t.rho).toExponential(2),
    'median σ': median(t.sigma).toExponential(2),
    'ρ/σ (min per seed)': Math.min(...t.ratios).toFixed(2),
    'ρ/σ (max per seed)': Math.max(...t.ratios).toFixed(2),
    'max ρ / median σ': (Math.max(...t.rho) / median(t.sigma)).toFixed(2),
  })),
);
