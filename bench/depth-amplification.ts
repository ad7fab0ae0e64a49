/**
 * How much the workload chain amplifies a perturbation with depth: the reason depth is capped
 * at MAX_DEPTH. One row is run through the chain twice in float64, once with its input
 * perturbed by a relative 10⁻⁹, and the relative distance between the two states is printed
 * at several depths, for several widths and seeds.
 *
 *   npm run build && node dist/bench/depth-amplification.js [--depth 256] [--seeds 2] [--pool 16]
 */
import { randomBytes } from 'node:crypto';
import { layerSequence } from '../src/pog/generator';
import { normRelu } from '../src/pog/reference';
import { generateInputRows, generatePool, preset, type WorkloadParams } from '../src/pog/workload';

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const maxDepth = Number(argument('depth', '256'));
const seeds = Number(argument('seeds', '2'));
const poolSize = Number(argument('pool', '16'));
const checkpoints = [8, 16, 32, 64, 128, 256].filter((t) => t <= maxDepth);
const PERTURBATION = 1e-9;

function relativeDistance(a: Float64Array, b: Float64Array): number {
  let e = 0;
  let r = 0;
  for (let j = 0; j < a.length; j++) {
    e += (a[j]! - b[j]!) ** 2;
    r += a[j]! ** 2;
  }
  return Math.sqrt(e / r);
}

function growth(width: number, seed: Uint8Array): number[] {
  // The params only describe the generated matrices; depth is not capped here on purpose.
  const p: WorkloadParams = { ...preset('ci'), width, depth: 1, poolSize };
  const pool = generatePool(seed, p);
  const sequence = layerSequence(seed, maxDepth, p.poolSize);
  const x0 = generateInputRows(seed, p, [5]);
  let a: Float64Array = Float64Array.from(x0);
  let b: Float64Array = Float64Array.from(x0, (v, i) => v * (1 + PERTURBATION * Math.sin(i)));
  const out: number[] = [];
  for (let t = 0; t < maxDepth; t++) {
    const next = [new Float64Array(width), new Float64Array(width)];
    [a, b].forEach((state, s) => {
      normRelu(state);
      const offset = sequence[t]! * width * width;
      for (let k = 0; k < width; k++) {
        const v = state[k]!;
        if (v === 0) continue;
        for (let j = 0; j < width; j++) next[s]![j]! += v * pool[offset + k * width + j]!;
      }
    });
    [a, b] = [next[0]!, next[1]!];
    if (checkpoints.includes(t + 1)) out.push(relativeDistance(a, b) / PERTURBATION);
  }
  return out;
}

const rows: Array<Record<string, string>> = [];
for (const width of [512, 1024, 2048]) {
  for (let s = 0; s < seeds; s++) {
    const g = growth(width, randomBytes(32));
    rows.push({ width: String(width), seed: String(s + 1), ...Object.fromEntries(checkpoints.map((t, i) => [`×${t}`, g[i]!.toFixed(1)])) });
    process.stderr.write(`depth-amplification: width ${width} seed ${s + 1} done\n`);
  }
}
process.stdout.write(`growth of a relative ${PERTURBATION} input perturbation by depth T (columns ×T), pool of ${poolSize}\n`);
console.table(rows);
