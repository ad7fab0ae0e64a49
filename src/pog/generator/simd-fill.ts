/**
 * fillValues' loop as WebAssembly SIMD: the validator regenerates a challenge's whole pool
 * (16 × 2048² values at the gpu preset) for every verification, and the scalar loop made that
 * about two thirds of the verification's CPU. The module is assembled here, byte by byte, from
 * the same steps as generateU32 (wrapping multiply, add, shifts; four 32-bit lanes, two vectors
 * per iteration), so there is no binary blob to trust: test/pog/generator checks it against
 * generateU32 element by element. Where WebAssembly SIMD is missing, fillValues keeps its
 * scalar loop.
 */

/** Values per call: the module's scratch memory, small enough to stay in L2 while copied out. */
export const SIMD_CHUNK_VALUES = 1 << 16;

/**
 * fill(count, base, step, k0..k3, m0..m3, shift, bias, scale): writes `count` (a multiple of 8)
 * values to the module's memory at 0, element i from the counter base + i·step.
 */
type FillFn = (
  count: number,
  base: number,
  step: number,
  k0: number,
  k1: number,
  k2: number,
  k3: number,
  m0: number,
  m1: number,
  m2: number,
  m3: number,
  shift: number,
  bias: number,
  scale: number,
) => void;

export interface SimdFill {
  readonly fill64: FillFn;
  readonly fill32: FillFn;
  readonly out64: Float64Array;
  readonly out32: Float32Array;
}

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};

const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
const name = (s: string): number[] => [...leb(s.length), ...Buffer.from(s, 'ascii')];

// Opcodes (core and the 0xfd SIMD prefix).
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...leb(i)];
const set = (i: number) => [0x21, ...leb(i)];
const tee = (i: number) => [0x22, ...leb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...leb(op), ...imm];
const OP = {
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  f32DemoteF64: [0xb6],
  i32x4Splat: simd(0x11),
  f32x4Splat: simd(0x13),
  f64x2Splat: simd(0x14),
  or: simd(0x50),
  i32x4Shl: simd(0xab),
  i32x4ShrU: simd(0xad),
  i32x4Add: simd(0xae),
  i32x4Sub: simd(0xb1),
  i32x4Mul: simd(0xb5),
  f32x4Mul: simd(0xe6),
  f64x2Mul: simd(0xf2),
  f32x4ConvertI32x4S: simd(0xfa),
  f64x2ConvertLowI32x4S: simd(0xfe),
} as const;
const store = (offset: number) => simd(0x0b, 4, ...leb(offset)); // align 2⁴
const i32x4Const = (lanes: number[]) => simd(0x0c, ...lanes.flatMap((l) => [l & 0xff, (l >>> 8) & 0xff, (l >>> 16) & 0xff, l >>> 24]));
/** Lanes 2 and 3 of an i32x4 moved to 0 and 1, for the second f64x2 conversion. */
const highHalf = simd(0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);

// Parameters, then locals.
const P = { count: 0, base: 1, step: 2, k: [3, 4, 5, 6], m: [7, 8, 9, 10], shift: 11, bias: 12, scale: 13 } as const;
const L = { p: 14, end: 15, x: 16, y: 17, step8: 18, k: [19, 20, 21, 22], m: [23, 24, 25, 26], bias: 27, scale: 28, one: 29, a: 30, b: 31, v: 32 } as const;

/** One generateU32 round r on the four lanes of local `lane`. */
function round(lane: number, r: number): number[] {
  return [
    // x = x·(2x + 1)
    ...get(lane), ...get(lane), ...i32(1), ...OP.i32x4Shl, ...get(L.one), ...OP.or, ...OP.i32x4Mul, ...set(lane),
    // x = rotl(x, 16)
    ...get(lane), ...i32(16), ...OP.i32x4ShrU, ...get(lane), ...i32(16), ...OP.i32x4Shl, ...OP.or, ...set(lane),
    // x = x·M_r + roundKey_r
    ...get(lane), ...get(L.m[r]!), ...OP.i32x4Mul, ...get(L.k[r]!), ...OP.i32x4Add, ...set(lane),
  ];
}

/** v = (x >>> shift) − bias, then its four values stored from byte `offset` (of p) as f64 or f32. */
function emit(lane: number, offset: number, wide: boolean): number[] {
  const v = [...get(lane), ...get(P.shift), ...OP.i32x4ShrU, ...get(L.bias), ...OP.i32x4Sub, ...set(L.v)];
  if (!wide) return [...v, ...get(L.p), ...get(L.v), ...OP.f32x4ConvertI32x4S, ...get(L.scale), ...OP.f32x4Mul, ...store(offset)];
  return [
    ...v,
    ...get(L.p), ...get(L.v), ...OP.f64x2ConvertLowI32x4S, ...get(L.scale), ...OP.f64x2Mul, ...store(offset),
    ...get(L.p), ...get(L.v), ...get(L.v), ...highHalf, ...OP.f64x2ConvertLowI32x4S, ...get(L.scale), ...OP.f64x2Mul, ...store(offset + 16),
  ];
}

function fillBody(wide: boolean): number[] {
  const bytesPerValue = wide ? 8 : 4;
  const splat = (param: number, local: number) => [...get(param), ...OP.i32x4Splat, ...set(local)];
  const code = [
    ...get(P.count), ...i32(Math.log2(bytesPerValue)), ...OP.i32Shl, ...set(L.end),
    // x lanes: base + (0..3)·step; y lanes: the next four; both advance by 8·step.
    ...get(P.base), ...OP.i32x4Splat, ...get(P.step), ...OP.i32x4Splat, ...i32x4Const([0, 1, 2, 3]), ...OP.i32x4Mul, ...OP.i32x4Add, ...set(L.x),
    ...get(L.x), ...get(P.step), ...i32(4), ...OP.i32Mul, ...OP.i32x4Splat, ...OP.i32x4Add, ...set(L.y),
    ...get(P.step), ...i32(8), ...OP.i32Mul, ...OP.i32x4Splat, ...set(L.step8),
    ...[0, 1, 2, 3].flatMap((r) => [...splat(P.k[r]!, L.k[r]!), ...splat(P.m[r]!, L.m[r]!)]),
    ...splat(P.bias, L.bias),
    ...i32(1), ...OP.i32x4Splat, ...set(L.one),
    ...get(P.scale), ...(wide ? OP.f64x2Splat : [...OP.f32DemoteF64, ...OP.f32x4Splat]), ...set(L.scale),
    0x02, 0x40, // block
    ...get(L.end), ...OP.i32Eqz, 0x0d, 0x00, // br_if 0: nothing to fill
    0x03, 0x40, // loop
    ...get(L.x), ...set(L.a), ...get(L.y), ...set(L.b),
    ...[0, 1, 2, 3].flatMap((r) => [...round(L.a, r), ...round(L.b, r)]),
    ...emit(L.a, 0, wide),
    ...emit(L.b, 4 * bytesPerValue, wide),
    ...get(L.x), ...get(L.step8), ...OP.i32x4Add, ...set(L.x),
    ...get(L.y), ...get(L.step8), ...OP.i32x4Add, ...set(L.y),
    ...get(L.p), ...i32(8 * bytesPerValue), ...OP.i32Add, ...tee(L.p), ...get(L.end), ...OP.i32LtU, 0x0d, 0x00, // br_if 0: loop
    0x0b, // end loop
    0x0b, // end block
    0x0b, // end function
  ];
  const locals = vec([[2, I32], [17, V128]]);
  return [...leb(locals.length + code.length), ...locals, ...code];
}

function assemble(): Uint8Array {
  const pages = (SIMD_CHUNK_VALUES * 8) / 65536;
  const fillType = [0x60, ...vec([...Array.from({ length: 13 }, () => [I32]), [F64]]), ...vec([])];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([fillType])),
    ...section(3, vec([[0], [0]])),
    ...section(5, vec([[0x00, ...leb(pages)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('fill64'), 0x00, 0], [...name('fill32'), 0x00, 1]])),
    ...section(10, [...leb(2), ...fillBody(true), ...fillBody(false)]),
  ]);
}

/** The few WebAssembly names used here (this project's TypeScript lib does not declare them). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

let cached: SimdFill | null | undefined;

/** The SIMD fill, or null where this runtime has no WebAssembly SIMD (compiled once, on first use). */
export function simdFill(): SimdFill | null {
  if (cached !== undefined) return cached;
  try {
    // Not `exports`: CommonJS output would read this module's own constants through that name.
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!api) throw new Error('no WebAssembly');
    const wasm = new api.Instance(new api.Module(assemble())).exports;
    const memory = wasm.memory as { readonly buffer: ArrayBuffer };
    cached = {
      fill64: wasm.fill64 as FillFn,
      fill32: wasm.fill32 as FillFn,
      out64: new Float64Array(memory.buffer, 0, SIMD_CHUNK_VALUES),
      out32: new Float32Array(memory.buffer, 0, SIMD_CHUNK_VALUES),
    };
  } catch {
    cached = null;
  }
  return cached;
}
