import { ProtoWriter } from './protobuf-writer';

/**
 * The subset of the ONNX protobuf schema (onnx/onnx.proto) this project writes, as plain
 * TypeScript data, and its encoder. Field numbers are those of onnx.proto; repeated scalars
 * are written unpacked, the proto2 default.
 */

/** TensorProto.DataType values used here. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT32: 6,
  INT64: 7,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
} as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/** Bytes per element of each data type, for raw_data. */
export const DATA_TYPE_BYTES: Readonly<Record<DataType, number>> = {
  [DataType.FLOAT]: 4,
  [DataType.UINT8]: 1,
  [DataType.INT32]: 4,
  [DataType.INT64]: 8,
  [DataType.FLOAT16]: 2,
  [DataType.DOUBLE]: 8,
  [DataType.UINT32]: 4,
};

/** A static size, or a symbolic name (dim_param). */
export type Dim = number | string;

export interface TensorSpec {
  readonly name?: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  /** Little-endian element bytes (raw_data). */
  readonly rawData: Uint8Array;
}

export type AttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'tensor'; readonly value: TensorSpec };

export interface NodeSpec {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface ValueInfoSpec {
  readonly name: string;
  readonly elemType: DataType;
  readonly dims: readonly Dim[];
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeSpec[];
  readonly initializers: readonly TensorSpec[];
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
}

export interface ModelSpec {
  readonly graph: GraphSpec;
  readonly producerName?: string;
  /** Default-domain opset; 17 unless given. */
  readonly opsetVersion?: number;
  readonly irVersion?: number;
}

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, ints: 7 } as const;

function writeTensor(w: ProtoWriter, t: TensorSpec): void {
  for (const d of t.dims) w.int64(1, d);
  w.int64(2, t.dataType);
  if (t.name !== undefined) w.string(8, t.name);
  w.bytes(9, t.rawData);
}

function writeAttribute(w: ProtoWriter, name: string, a: AttributeValue): void {
  w.string(1, name);
  switch (a.kind) {
    case 'float':
      w.float(2, a.value);
      break;
    case 'int':
      w.int64(3, a.value);
      break;
    case 'string':
      w.string(4, a.value);
      break;
    case 'tensor':
      w.message(5, (t) => writeTensor(t, a.value));
      break;
    case 'ints':
      for (const v of a.value) w.int64(8, v);
      break;
  }
  w.int64(20, ATTRIBUTE_TYPE[a.kind]);
}

function writeNode(w: ProtoWriter, n: NodeSpec): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.opType);
  for (const [name, value] of Object.entries(n.attributes)) w.message(5, (a) => writeAttribute(a, name, value));
}

function writeValueInfo(w: ProtoWriter, v: ValueInfoSpec): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int64(1, v.elemType);
      tensorType.message(2, (shape) => {
        for (const d of v.dims) {
          shape.message(1, (dim) => (typeof d === 'number' ? dim.int64(1, d) : dim.string(2, d)));
        }
      });
    }),
  );
}

function writeGraph(w: ProtoWriter, g: GraphSpec): void {
  for (const n of g.nodes) w.message(1, (m) => writeNode(m, n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, (m) => writeTensor(m, t));
  for (const i of g.inputs) w.message(11, (m) => writeValueInfo(m, i));
  for (const o of g.outputs) w.message(12, (m) => writeValueInfo(m, o));
}

/** Serialises a model to ONNX protobuf bytes, ready for InferenceSession.create. */
export function encodeModel(model: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.int64(1, model.irVersion ?? IR_VERSION);
  w.string(2, model.producerName ?? 'pog-subnet');
  w.message(7, (g) => writeGraph(g, model.graph));
  w.message(8, (o) => {
    o.string(1, '');
    o.int64(2, model.opsetVersion ?? OPSET_VERSION);
  });
  return w.finish().slice();
}
