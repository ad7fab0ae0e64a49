import {
  DATA_TYPE_BYTES,
  DataType,
  encodeModel,
  type AttributeValue,
  type Dim,
  type GraphSpec,
  type NodeSpec,
  type TensorSpec,
  type ValueInfoSpec,
} from './onnx-proto';

/** Attribute constructors, so call sites read `{ to: attr.int(DataType.FLOAT) }`. */
export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  ints: (value: readonly number[]): AttributeValue => ({ kind: 'ints', value }),
  tensor: (value: TensorSpec): AttributeValue => ({ kind: 'tensor', value }),
};

/** Typed arrays that hold tensor elements on the host. */
export type ElementArray =
  | Float32Array
  | Float64Array
  | Uint8Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array;

/** A TensorSpec holding `data` (platform byte order; every ORT host is little-endian). */
export function tensorSpec(dataType: DataType, dims: readonly number[], data: ElementArray, name?: string): TensorSpec {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count || data.BYTES_PER_ELEMENT !== DATA_TYPE_BYTES[dataType]) {
    throw new RangeError(`tensor data of ${data.length}×${data.BYTES_PER_ELEMENT} bytes does not fit type ${dataType} dims [${dims.join(',')}]`);
  }
  const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return name === undefined ? { dataType, dims, rawData } : { name, dataType, dims, rawData };
}

function scalarArray(dataType: DataType, values: readonly number[]): ElementArray {
  switch (dataType) {
    case DataType.FLOAT:
      return Float32Array.from(values);
    case DataType.DOUBLE:
      return Float64Array.from(values);
    case DataType.INT64:
      return BigInt64Array.from(values, (v) => BigInt(v));
    case DataType.INT32:
      return Int32Array.from(values);
    case DataType.UINT32:
      return Uint32Array.from(values);
    case DataType.UINT8:
      return Uint8Array.from(values);
    case DataType.FLOAT16:
      throw new RangeError('build float16 constants from bits with tensorSpec');
  }
}

interface NodeOptions {
  /** Output names; defaults to one fresh name. A number asks for that many fresh names. */
  readonly outputs?: readonly string[] | number;
}

/**
 * Builds one ONNX graph. `node` appends a node and returns its output names; values are
 * referred to by name throughout, as in ONNX itself.
 */
export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: TensorSpec[] = [];
  private readonly inputs: ValueInfoSpec[] = [];
  private readonly outputs: ValueInfoSpec[] = [];
  private readonly usedNames = new Set<string>();
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(private readonly name: string) {}

  /** Declares a graph input and returns its name. */
  input(name: string, elemType: DataType, dims: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push({ name, elemType, dims });
    return name;
  }

  /** Declares `value` a graph output; its name is the output's name. */
  output(value: string, elemType: DataType, dims: readonly Dim[]): void {
    this.outputs.push({ name: value, elemType, dims });
  }

  /** Adds an initializer (a named constant tensor stored as raw_data). */
  initializer(name: string, dataType: DataType, dims: readonly number[], data: ElementArray): string {
    this.claim(name);
    this.initializers.push(tensorSpec(dataType, dims, data, name));
    return name;
  }

  /** Appends a node and returns its output names. */
  nodeOutputs(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, options: NodeOptions = {}): string[] {
    const requested = options.outputs ?? 1;
    const outputs = typeof requested === 'number' ? Array.from({ length: requested }, () => this.fresh(opType)) : [...requested];
    if (typeof requested !== 'number') outputs.forEach((o) => this.claim(o));
    this.nodes.push({ opType, name: `${opType}_${this.counter++}`, inputs, outputs, attributes });
    return outputs;
  }

  /** Appends a single-output node and returns the output's name. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputName?: string): string {
    return this.nodeOutputs(opType, inputs, attributes, outputName === undefined ? {} : { outputs: [outputName] })[0]!;
  }

  /**
   * A Constant node holding `values` with `dims` (a scalar when dims is []). Equal constants
   * share one node, so helpers can ask for the constants they need without bloating the model.
   */
  constant(dataType: DataType, values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `${dataType}|${dims.join(',')}|${values.join(',')}`;
    let name = this.constants.get(key);
    if (name === undefined) {
      name = this.node('Constant', [], { value: attr.tensor(tensorSpec(dataType, dims, scalarArray(dataType, values))) });
      this.constants.set(key, name);
    }
    return name;
  }

  /** A scalar Constant. */
  scalar(dataType: DataType, value: number): string {
    return this.constant(dataType, [value], []);
  }

  build(): GraphSpec {
    return { name: this.name, nodes: this.nodes, initializers: this.initializers, inputs: this.inputs, outputs: this.outputs };
  }

  /** The encoded ModelProto (ir_version 8, opset 17). */
  encode(): Uint8Array {
    return encodeModel({ graph: this.build() });
  }

  private fresh(opType: string): string {
    let name: string;
    do name = `${opType.toLowerCase()}_${this.counter++}`;
    while (this.usedNames.has(name));
    this.usedNames.add(name);
    return name;
  }

  private claim(name: string): void {
    if (this.usedNames.has(name)) throw new RangeError(`value name ${name} is used twice`);
    this.usedNames.add(name);
  }
}
