import {
  deriveStreamKey,
  generateU32,
  poolStream,
  STREAM,
  STREAM_KEY_WORDS,
  streamKeyWords,
  u32ToFp16Value,
  u32ToFp32Value,
} from '../../../src/pog/generator';
import { addGeneratorU32, addGeneratorValues, DataType, fp16BitsToNumber, GraphBuilder, hostTensor } from '../../../src/pog/onnx';
import { runOnCpu } from './ort-session';

const seedA = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const seedB = new Uint8Array(32).fill(0xff);

/** Counts elements where `actual(i)` differs from `expected(i)`, reporting the first. */
function mismatches(count: number, actual: (i: number) => number, expected: (i: number) => number): { count: number; first?: number } {
  let bad = 0;
  let first: number | undefined;
  for (let i = 0; i < count; i++) {
    if (!Object.is(actual(i), expected(i))) {
      bad++;
      first ??= i;
    }
  }
  return first === undefined ? { count: bad } : { count: bad, first };
}

describe('generator subgraph', () => {
  test('a single stream block is bit-identical to generateU32 and both value formats (2^18 elements)', async () => {
    const rows = 512;
    const cols = 512;
    const g = new GraphBuilder('single');
    const keys = g.input('keys', DataType.UINT32, [STREAM_KEY_WORDS]);
    const shape = { rows, cols };
    g.output(g.node('Identity', [addGeneratorU32(g, keys, shape)], {}, 'u'), DataType.UINT32, [rows, cols]);
    g.output(g.node('Identity', [addGeneratorValues(g, keys, shape, 'fp32')], {}, 'v32'), DataType.FLOAT, [rows, cols]);
    g.output(g.node('Identity', [addGeneratorValues(g, keys, shape, 'fp16', DataType.FLOAT16)], {}, 'v16'), DataType.FLOAT16, [rows, cols]);
    g.output(g.node('Identity', [addGeneratorValues(g, keys, shape, 'fp16')], {}, 'v16f'), DataType.FLOAT, [rows, cols]);
    const model = g.encode();

    for (const [seed, stream] of [
      [seedA, STREAM.input],
      [seedB, STREAM.head],
    ] as const) {
      const key = deriveStreamKey(seed, stream);
      const out = await runOnCpu(model, { keys: hostTensor('uint32', streamKeyWords(key), [STREAM_KEY_WORDS]) }, ['u', 'v32', 'v16', 'v16f']);
      const expected = Uint32Array.from({ length: rows * cols }, (_, i) => generateU32(key, i));
      const u = out.u!.data as Uint32Array;
      const v32 = out.v32!.data as Float32Array;
      const v16 = out.v16!.data as Uint16Array;
      const v16f = out.v16f!.data as Float32Array;
      expect(out.u!.dims).toEqual([rows, cols]);
      expect(mismatches(expected.length, (i) => u[i]!, (i) => expected[i]!)).toEqual({ count: 0 });
      expect(mismatches(expected.length, (i) => v32[i]!, (i) => u32ToFp32Value(expected[i]!))).toEqual({ count: 0 });
      expect(mismatches(expected.length, (i) => fp16BitsToNumber(v16[i]!), (i) => u32ToFp16Value(expected[i]!))).toEqual({ count: 0 });
      expect(mismatches(expected.length, (i) => v16f[i]!, (i) => u32ToFp16Value(expected[i]!))).toEqual({ count: 0 });
    }
  });

  test('a non-square block indexes elements row·cols + col', async () => {
    const rows = 700;
    const cols = 392;
    const g = new GraphBuilder('rect');
    const keys = g.input('keys', DataType.UINT32, [STREAM_KEY_WORDS]);
    g.output(g.node('Identity', [addGeneratorU32(g, keys, { rows, cols })], {}, 'u'), DataType.UINT32, [rows, cols]);
    const key = deriveStreamKey(seedB, STREAM.sequence);
    const out = await runOnCpu(g.encode(), { keys: hostTensor('uint32', streamKeyWords(key), [STREAM_KEY_WORDS]) }, ['u']);
    const u = out.u!.data as Uint32Array;
    expect(mismatches(rows * cols, (i) => u[i]!, (i) => generateU32(key, i))).toEqual({ count: 0 });
  });

  test('batched keys generate one stream per row (pool layout [m, rows, cols])', async () => {
    const m = 3;
    const n = 320;
    const g = new GraphBuilder('pool');
    const keys = g.input('keys', DataType.UINT32, [m, STREAM_KEY_WORDS]);
    const shape = { batch: m, rows: n, cols: n };
    g.output(g.node('Identity', [addGeneratorU32(g, keys, shape)], {}, 'u'), DataType.UINT32, [m, n, n]);
    g.output(g.node('Identity', [addGeneratorValues(g, keys, shape, 'fp16', DataType.FLOAT16)], {}, 'v16'), DataType.FLOAT16, [m, n, n]);
    const streamKeys = Array.from({ length: m }, (_, j) => deriveStreamKey(seedA, poolStream(j)));
    const words = new Uint32Array(m * STREAM_KEY_WORDS);
    streamKeys.forEach((k, j) => words.set(streamKeyWords(k), j * STREAM_KEY_WORDS));
    const out = await runOnCpu(g.encode(), { keys: hostTensor('uint32', words, [m, STREAM_KEY_WORDS]) }, ['u', 'v16']);
    expect(out.u!.dims).toEqual([m, n, n]);
    const u = out.u!.data as Uint32Array;
    const v16 = out.v16!.data as Uint16Array;
    const size = n * n;
    const expected = (i: number): number => generateU32(streamKeys[Math.floor(i / size)]!, i % size);
    expect(mismatches(m * size, (i) => u[i]!, expected)).toEqual({ count: 0 });
    expect(mismatches(m * size, (i) => fp16BitsToNumber(v16[i]!), (i) => u32ToFp16Value(expected(i)))).toEqual({ count: 0 });
  });

  test('uses no operator the CUDA EP lacks for uint32', () => {
    const g = new GraphBuilder('ops');
    const keys = g.input('keys', DataType.UINT32, [4, STREAM_KEY_WORDS]);
    addGeneratorValues(g, keys, { batch: 4, rows: 8, cols: 8 }, 'fp16', DataType.FLOAT16);
    const ops = new Set(g.build().nodes.map((n) => n.opType));
    expect([...ops].sort()).toEqual(['Add', 'Cast', 'Constant', 'Div', 'Mul', 'Range', 'Split', 'Sub', 'Unsqueeze']);
  });

  test('rejects fp32-format values in float16 and empty shapes', () => {
    const g = new GraphBuilder('bad');
    const keys = g.input('keys', DataType.UINT32, [STREAM_KEY_WORDS]);
    expect(() => addGeneratorValues(g, keys, { rows: 2, cols: 2 }, 'fp32', DataType.FLOAT16)).toThrow(RangeError);
    expect(() => addGeneratorU32(g, keys, { rows: 0, cols: 2 })).toThrow(RangeError);
    expect(() => addGeneratorU32(g, keys, { rows: 2 ** 20, cols: 2 ** 13 })).toThrow(RangeError);
  });
});
