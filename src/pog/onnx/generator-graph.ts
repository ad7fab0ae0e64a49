import { GENERATOR_ROUNDS, ROUND_MULTIPLIERS, STREAM_KEY_WORDS, type ValueFormat } from '../generator';
import { attr, type GraphBuilder } from './graph-builder';
import { DataType } from './onnx-proto';

/**
 * The counter-based generator (src/pog/generator) as an ONNX subgraph. It uses only Range,
 * Cast, Split, Unsqueeze and uint32 Mul/Add/Div-by-2ᵏ, all of which the CUDA EP implements
 * for uint32 (it has no BitShift or BitwiseXor kernels). uint32 Mul and Add wrap mod 2³², the
 * same as Math.imul and `>>> 0` in generateU32, so the output is bit-identical.
 */
export interface GeneratedShape {
  /** m when the keys input is uint32[m, STREAM_KEY_WORDS] (one stream per row; output [m, rows, cols]); absent for uint32[STREAM_KEY_WORDS]. */
  readonly batch?: number;
  readonly rows: number;
  readonly cols: number;
}

function assertShape(shape: GeneratedShape): void {
  const { batch, rows, cols } = shape;
  const ok = [rows, cols, batch ?? 1].every((v) => Number.isInteger(v) && v >= 1);
  if (!ok || rows * cols > 2 ** 32) {
    throw new RangeError(`generator shape ${JSON.stringify(shape)} needs positive sizes and rows·cols ≤ 2³²`);
  }
}

/** uint32 [count] = 0, 1, …, count−1 (Range is int64: no uint32 Range kernel exists). */
function indexRange(g: GraphBuilder, count: number): string {
  const range = g.node('Range', [g.scalar(DataType.INT64, 0), g.scalar(DataType.INT64, count), g.scalar(DataType.INT64, 1)]);
  return g.node('Cast', [range], { to: attr.int(DataType.UINT32) });
}

/**
 * The raw u32 words of a stream block: element (row, col) is generateU32(key, row·cols + col).
 * `keys` is the uint32[STREAM_KEY_WORDS] output of streamKeyWords, or uint32[m, STREAM_KEY_WORDS] with one stream per row.
 * Returns a uint32 [rows, cols] value, or [m, rows, cols] for batched keys.
 */
export function addGeneratorU32(g: GraphBuilder, keys: string, shape: GeneratedShape): string {
  assertShape(shape);
  const { batch, rows, cols } = shape;
  // Key words split as [1, 1] (single stream) or [m, 1, 1] (batch): they broadcast over [.., rows, cols].
  const keyGrid = g.node('Unsqueeze', [keys, g.constant(DataType.INT64, [-1])]);
  const words = g.nodeOutputs('Split', [keyGrid], { axis: attr.int(batch === undefined ? 0 : 1) }, { outputs: STREAM_KEY_WORDS });
  const word = (i: number): string => words[i]!;
  const multiplier = word(0);
  const offset = word(1);

  // index·mult + offset = row·(cols·mult) + (col·mult + offset) mod 2³²: no [rows·cols] index tensor is ever built.
  const rowIndex = g.node('Unsqueeze', [indexRange(g, rows), g.constant(DataType.INT64, [1])]);
  const rowStride = g.node('Mul', [multiplier, g.scalar(DataType.UINT32, cols)]);
  const rowPart = g.node('Mul', [rowIndex, rowStride]);
  const colPart = g.node('Add', [g.node('Mul', [indexRange(g, cols), multiplier]), offset]);
  let x = g.node('Add', [rowPart, colPart]);

  const half = g.scalar(DataType.UINT32, 65536);
  const one = g.scalar(DataType.UINT32, 1);
  for (let r = 0; r < GENERATOR_ROUNDS; r++) {
    // x·(2x + 1), then the rotation ⌊x/2¹⁶⌋ + x·2¹⁶, then x·M_r + k_r (all mod 2³²)
    x = g.node('Mul', [x, g.node('Add', [g.node('Add', [x, x]), one])]);
    x = g.node('Add', [g.node('Div', [x, half]), g.node('Mul', [x, half])]);
    x = g.node('Add', [g.node('Mul', [x, g.scalar(DataType.UINT32, ROUND_MULTIPLIERS[r]!)]), word(2 + r)]);
  }
  return x;
}

/**
 * Generated values in `format` (u32ToFp32Value / u32ToFp16Value) as float32, or as float16
 * when `elemType` is FLOAT16 (exact: fp16-format values are fp16 numbers).
 */
export function addGeneratorValues(
  g: GraphBuilder,
  keys: string,
  shape: GeneratedShape,
  format: ValueFormat,
  elemType: typeof DataType.FLOAT | typeof DataType.FLOAT16 = DataType.FLOAT,
): string {
  if (format === 'fp32' && elemType === DataType.FLOAT16) throw new RangeError('fp32-format values are not exact in float16');
  const u = addGeneratorU32(g, keys, shape);
  // fp32: ((u >>> 8) − 2²³)·2⁻²³;  fp16: ((u >>> 21) − 2¹⁰)·2⁻¹⁰. Every step is exact in float32.
  const [shift, bias] = format === 'fp32' ? [2 ** 8, 2 ** 23] : [2 ** 21, 2 ** 10];
  const top = g.node('Cast', [g.node('Div', [u, g.scalar(DataType.UINT32, shift)])], { to: attr.int(DataType.FLOAT) });
  const values = g.node('Mul', [g.node('Sub', [top, g.scalar(DataType.FLOAT, bias)]), g.scalar(DataType.FLOAT, 1 / bias)]);
  return elemType === DataType.FLOAT16 ? g.node('Cast', [values], { to: attr.int(DataType.FLOAT16) }) : values;
}
