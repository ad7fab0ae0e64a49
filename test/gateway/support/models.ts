import { DataType, encodeModel } from '../../../src/pog/onnx/onnx-proto';
import { tensorSpec } from '../../../src/pog/onnx/graph-builder';

/** Y = Relu(X · W), X [batch, 4] float, W [4, 3]: a real model onnxruntime loads and runs. */
export function denseModel(opType = 'MatMul'): Uint8Array {
  const w = new Float32Array(12).map((_, i) => (i % 5) - 2);
  return encodeModel({
    graph: {
      name: 'dense',
      nodes: [
        { opType, name: 'mm', inputs: ['X', 'W'], outputs: ['H'], attributes: {} },
        { opType: 'Relu', name: 'relu', inputs: ['H'], outputs: ['Y'], attributes: {} },
      ],
      initializers: [tensorSpec(DataType.FLOAT, [4, 3], w, 'W')],
      inputs: [{ name: 'X', elemType: DataType.FLOAT, dims: ['batch', 4] }],
      outputs: [{ name: 'Y', elemType: DataType.FLOAT, dims: ['batch', 3] }],
    },
  });
}

// Minimal protobuf writing, for models the project's encoder deliberately cannot produce.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const field = (no: number, bytes: Uint8Array | string): Uint8Array => {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return Uint8Array.from([...varint((no << 3) | 2), ...varint(b.length), ...b]);
};
const int = (no: number, v: number): Uint8Array => Uint8Array.from([...varint(no << 3), ...varint(v)]);
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

/** The dense model plus an opset import of a custom domain. */
export function customDomainModel(): Uint8Array {
  return cat(denseModel(), field(8, cat(field(1, 'com.example.evil'), int(2, 1))));
}

/** A model whose weight lives in an external file (data_location = EXTERNAL). */
export function externalDataModel(): Uint8Array {
  const node = cat(field(1, 'X'), field(1, 'W'), field(2, 'Y'), field(4, 'MatMul'));
  const tensor = cat(int(1, 4), int(1, 3), int(2, 1), field(8, 'W'), field(13, cat(field(1, 'location'), field(2, '/etc/passwd'))), int(14, 1));
  const graph = cat(field(1, node), field(2, 'g'), field(5, tensor), field(11, field(1, 'X')), field(12, field(1, 'Y')));
  return cat(int(1, 8), field(7, graph), field(8, int(2, 17)));
}
