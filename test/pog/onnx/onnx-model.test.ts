import * as ort from 'onnxruntime-node';
import { DataType, GraphBuilder, attr, encodeModel, hostTensor, tensorSpec } from '../../../src/pog/onnx';
import { runOnCpu } from './ort-session';

/** A model exercising every encoder feature onnxruntime has to read back. */
function featureModel(): Uint8Array {
  const g = new GraphBuilder('features');
  const x = g.input('x', DataType.FLOAT, ['batch', 3]);
  const bias = g.initializer('bias', DataType.FLOAT, [3], Float32Array.of(1, 2, 3));
  const shifted = g.node('Add', [x, bias]);
  const leaky = g.node('LeakyRelu', [shifted], { alpha: attr.float(0.25) });
  const transposed = g.node('Transpose', [leaky], { perm: attr.ints([1, 0]) }, 't');
  g.output(transposed, DataType.FLOAT, [3, 'batch']);
  const asInt = g.node('Cast', [x], { to: attr.int(DataType.INT64) }, 'as_int');
  g.output(asInt, DataType.INT64, ['batch', 3]);
  const big = g.constant(DataType.INT64, [2 ** 40, -5], [2]);
  g.output(g.node('Identity', [big], {}, 'big'), DataType.INT64, [2]);
  const words = g.input('words', DataType.UINT32, [2]);
  const shifted8 = g.node('BitShift', [words, g.scalar(DataType.UINT32, 8)], { direction: attr.string('RIGHT') }, 'shifted');
  g.output(shifted8, DataType.UINT32, [2]);
  return g.encode();
}

describe('ONNX encoder', () => {
  test('onnxruntime reads inputs, symbolic dims, initializers and every attribute kind', async () => {
    const model = featureModel();
    const session = await ort.InferenceSession.create(model);
    expect(session.inputNames).toEqual(['x', 'words']);
    expect(session.outputNames).toEqual(['t', 'as_int', 'big', 'shifted']);
    expect(session.inputMetadata[0]).toMatchObject({ name: 'x', isTensor: true, type: 'float32', shape: ['batch', 3] });
    await session.release();

    const x = Float32Array.of(-4, 0, 1.5, 2, -8, -3.5);
    const words = hostTensor('uint32', Uint32Array.of(0xdeadbeef, 255), [2]);
    const out = await runOnCpu(model, { x: hostTensor('float32', x, [2, 3]), words }, ['t', 'as_int', 'big', 'shifted']);
    // (x + [1,2,3]), leaky relu with alpha 0.25, then transposed to [3, 2].
    expect(Array.from(out.t!.data as Float32Array)).toEqual([-0.75, 3, 2, -1.5, 4.5, -0.125]);
    expect(out.t!.dims).toEqual([3, 2]);
    expect(Array.from(out.as_int!.data as BigInt64Array)).toEqual([-4n, 0n, 1n, 2n, -8n, -3n]);
    expect(Array.from(out.big!.data as BigInt64Array)).toEqual([2n ** 40n, -5n]);
    expect(Array.from(out.shifted!.data as Uint32Array)).toEqual([0xdeadbe, 0]);
  });

  test('the model header is ir_version 8, opset 17 of the default domain', () => {
    const bytes = encodeModel({ graph: new GraphBuilder('empty').build() });
    // 08 08: ir_version 8; 12 0a "pog-subnet": producer_name; 3a 07 12 05 "empty": graph.name; 42 04 0a 00 10 11: opset ('', 17)
    expect(Buffer.from(bytes).toString('hex')).toBe(
      '0808' + '120a' + Buffer.from('pog-subnet').toString('hex') + '3a07' + '1205' + Buffer.from('empty').toString('hex') + '42040a001011',
    );
  });

  test('tensorSpec checks element count and width', () => {
    expect(() => tensorSpec(DataType.FLOAT, [2, 2], new Float32Array(3))).toThrow(RangeError);
    expect(() => tensorSpec(DataType.FLOAT, [2], new Float64Array(2))).toThrow(RangeError);
    expect(tensorSpec(DataType.UINT32, [2], Uint32Array.of(1, 0x01020304)).rawData).toEqual(Uint8Array.of(1, 0, 0, 0, 4, 3, 2, 1));
  });

  test('GraphBuilder refuses a value name used twice', () => {
    const g = new GraphBuilder('dup');
    g.input('x', DataType.FLOAT, [1]);
    expect(() => g.input('x', DataType.FLOAT, [1])).toThrow(RangeError);
    expect(() => g.node('Neg', ['x'], {}, 'x')).toThrow(RangeError);
  });
});
