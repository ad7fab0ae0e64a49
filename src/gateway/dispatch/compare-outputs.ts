import type { Tensor, TensorType } from '../jobs/tensors';

/** How close two float outputs must be: |a − b| ≤ atol + rtol × |b|, element-wise. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * Per float type: GPUs of different makes (and a CPU) reorder sums and fuse multiply-adds, so
 * float outputs differ in their last bits; a cheater's fabricated output differs by far more.
 * Integer and boolean outputs must match exactly.
 */
export const FLOAT_TOLERANCES: Readonly<Partial<Record<TensorType, Tolerance>>> = {
  float16: { rtol: 1e-2, atol: 1e-3 },
  float32: { rtol: 1e-3, atol: 1e-5 },
  float64: { rtol: 1e-6, atol: 1e-9 },
};

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function floatsOf(t: Tensor): ArrayLike<number> {
  const b = t.data;
  if (t.type === 'float32') return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  if (t.type === 'float64') return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const out = new Float64Array(b.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = halfToFloat(b.readUInt16LE(i * 2));
  return out;
}

function closeEnough(a: number, b: number, tol: Tolerance): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b);
}

/** Why two outputs differ, or null where they agree within the tolerance of their type. */
export function outputsDiffer(a: readonly Tensor[], b: readonly Tensor[], tolerances = FLOAT_TOLERANCES): string | null {
  if (a.length !== b.length) return `${a.length} outputs against ${b.length}`;
  const byName = new Map(b.map((t) => [t.name, t]));
  for (const x of a) {
    const y = byName.get(x.name);
    if (!y) return `output "${x.name}" is missing from the other run`;
    if (x.type !== y.type) return `output "${x.name}" is ${x.type} against ${y.type}`;
    if (x.dims.length !== y.dims.length || x.dims.some((d, i) => d !== y.dims[i])) return `output "${x.name}" has shape ${x.dims.join('×')} against ${y.dims.join('×')}`;
    if (x.data.length !== y.data.length) return `output "${x.name}" has ${x.data.length} bytes against ${y.data.length}`;
    const tol = tolerances[x.type];
    if (!tol) {
      if (!x.data.equals(y.data)) return `output "${x.name}" (${x.type}) differs (exact match required)`;
      continue;
    }
    const fa = floatsOf(x);
    const fb = floatsOf(y);
    for (let i = 0; i < fa.length; i++) {
      if (!closeEnough(fa[i]!, fb[i]!, tol)) return `output "${x.name}" element ${i} is ${fa[i]} against ${fb[i]} (rtol ${tol.rtol}, atol ${tol.atol})`;
    }
  }
  return null;
}

/**
 * Groups runs whose outputs agree: each run joins the first group whose first member it
 * matches (tolerance is not transitive, so the first member is the group's reference).
 */
export function groupAgreeing<R extends { readonly outputs: readonly Tensor[] }>(runs: readonly R[], tolerances = FLOAT_TOLERANCES): R[][] {
  const groups: R[][] = [];
  for (const run of runs) {
    const group = groups.find((g) => outputsDiffer(g[0]!.outputs, run.outputs, tolerances) === null);
    if (group) group.push(run);
    else groups.push([run]);
  }
  return groups;
}
