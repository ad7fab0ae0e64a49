import { ModelRejectedError } from '../errors';
import { bytesOf, readFields, text, varintsOf, type ProtoField } from './protobuf-reader';

/**
 * Standard-domain operators a job model may use: what onnxruntime's CPU EP (and the CUDA EP
 * miners run) implements for opset ≤ 21, minus control flow (If/Loop/Scan carry subgraphs a
 * cheap static check cannot bound) and anything that reaches outside the graph.
 */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'Abs', 'Add', 'And', 'ArgMax', 'ArgMin', 'AveragePool', 'BatchNormalization', 'Cast', 'Ceil', 'Clip', 'Concat',
  'Constant', 'ConstantOfShape', 'Conv', 'ConvTranspose', 'Cos', 'CumSum', 'DepthToSpace', 'Div', 'Dropout', 'Einsum',
  'Elu', 'Equal', 'Erf', 'Exp', 'Expand', 'Flatten', 'Floor', 'Gather', 'GatherElements', 'GatherND', 'Gelu', 'Gemm',
  'GlobalAveragePool', 'GlobalMaxPool', 'Greater', 'GreaterOrEqual', 'GRU', 'HardSigmoid', 'HardSwish', 'Identity',
  'InstanceNormalization', 'LayerNormalization', 'LeakyRelu', 'Less', 'LessOrEqual', 'Log', 'LogSoftmax', 'LSTM',
  'MatMul', 'Max', 'MaxPool', 'Mean', 'Min', 'Mod', 'Mul', 'Neg', 'Not', 'Or', 'Pad', 'Pow', 'PRelu', 'Range',
  'Reciprocal', 'ReduceL2', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSum', 'Relu', 'Reshape',
  'Resize', 'RNN', 'Round', 'ScatterElements', 'ScatterND', 'Shape', 'Sigmoid', 'Sign', 'Sin', 'Size', 'Slice',
  'Softmax', 'Softplus', 'SpaceToDepth', 'Split', 'Sqrt', 'Squeeze', 'Sub', 'Sum', 'Tanh', 'Tile', 'TopK', 'Transpose',
  'Trilu', 'Unsqueeze', 'Where', 'Xor',
]);

const STANDARD_DOMAINS = new Set(['', 'ai.onnx']);
/** TensorProto.data_location EXTERNAL */
const EXTERNAL = 1n;
/** AttributeProto.type GRAPH / GRAPHS */
const GRAPH_TYPES = new Set([5n, 10n]);

export interface ValueInfo {
  readonly name: string;
  /** TensorProto.DataType, 0 where the model leaves it out */
  readonly elemType: number;
  /** A size, or null for a symbolic/unknown one */
  readonly dims: ReadonlyArray<number | null>;
}

export interface CheckedModel {
  readonly irVersion: number;
  readonly opset: number;
  /** Distinct operators used, sorted. */
  readonly operators: string[];
  readonly nodes: number;
  /** Elements in all initializers: the model's weights, used by the quote. */
  readonly parameters: bigint;
  readonly inputs: ValueInfo[];
  readonly outputs: ValueInfo[];
}

function valueInfo(buf: Uint8Array): ValueInfo {
  const f = readFields(buf);
  const name = text(bytesOf(f, 1)[0] ?? new Uint8Array());
  const type = bytesOf(f, 2)[0];
  let elemType = 0;
  const dims: Array<number | null> = [];
  if (type) {
    const tensor = bytesOf(readFields(type), 1)[0]; // TypeProto.tensor_type
    if (tensor) {
      const t = readFields(tensor);
      elemType = Number(varintsOf(t, 1)[0] ?? 0n);
      const shape = bytesOf(t, 2)[0];
      if (shape) for (const d of bytesOf(readFields(shape), 1)) {
        const value = varintsOf(readFields(d), 1)[0];
        dims.push(value === undefined ? null : Number(value));
      }
    }
  }
  return { name, elemType, dims };
}

function checkTensor(buf: Uint8Array, where: string): bigint {
  const t = readFields(buf);
  if ((varintsOf(t, 14)[0] ?? 0n) === EXTERNAL || bytesOf(t, 13).length > 0) throw new ModelRejectedError(`${where} refers to external data; models must be self-contained`, { where });
  return varintsOf(t, 1).reduce((a, d) => a * d, 1n);
}

function checkNodes(nodes: readonly Uint8Array[], operators: Set<string>): void {
  for (const n of nodes) {
    const f = readFields(n);
    const op = text(bytesOf(f, 4)[0] ?? new Uint8Array());
    const domain = text(bytesOf(f, 7)[0] ?? new Uint8Array());
    if (!STANDARD_DOMAINS.has(domain)) throw new ModelRejectedError(`operator ${op} is in the custom domain "${domain}"; only the standard ONNX domain is allowed`, { op, domain });
    if (!ALLOWED_OPERATORS.has(op)) throw new ModelRejectedError(`operator "${op}" is not on the allowlist`, { op });
    for (const a of bytesOf(f, 5)) {
      const attr = readFields(a);
      if (GRAPH_TYPES.has(varintsOf(attr, 20)[0] ?? 0n) || bytesOf(attr, 6).length > 0 || bytesOf(attr, 11).length > 0) throw new ModelRejectedError(`operator ${op} carries a subgraph`, { op });
      for (const t of [...bytesOf(attr, 5), ...bytesOf(attr, 9)]) checkTensor(t, `an attribute of ${op}`);
    }
    operators.add(op);
  }
}

/**
 * Static check of an ONNX ModelProto before any miner sees it: it parses, imports only the
 * standard opset, defines no functions, uses only allowlisted operators, has no external data
 * and no subgraphs. Throws ModelRejectedError naming the first problem.
 */
export function checkOnnxModel(bytes: Uint8Array): CheckedModel {
  let model: ProtoField[];
  try {
    model = readFields(bytes);
  } catch (error) {
    throw error instanceof ModelRejectedError ? new ModelRejectedError(`not an ONNX model: ${error.message.replace(/^the model was refused: /, '')}`) : error;
  }
  const irVersion = Number(varintsOf(model, 1)[0] ?? 0n);
  const graph = bytesOf(model, 7)[0];
  if (irVersion < 3 || irVersion > 11 || !graph) throw new ModelRejectedError('not an ONNX model (no ir_version 3–11 and graph)');
  if (bytesOf(model, 25).length > 0) throw new ModelRejectedError('the model defines functions; only standard operators are allowed');
  let opset = 0;
  for (const o of bytesOf(model, 8)) {
    const f = readFields(o);
    const domain = text(bytesOf(f, 1)[0] ?? new Uint8Array());
    if (!STANDARD_DOMAINS.has(domain)) throw new ModelRejectedError(`the model imports the custom domain "${domain}"`, { domain });
    opset = Math.max(opset, Number(varintsOf(f, 2)[0] ?? 0n));
  }
  if (opset < 7 || opset > 21) throw new ModelRejectedError(`opset ${opset} is outside the supported 7–21`, { opset });
  const g = readFields(graph);
  const operators = new Set<string>();
  const nodes = bytesOf(g, 1);
  checkNodes(nodes, operators);
  let parameters = 0n;
  for (const t of bytesOf(g, 5)) parameters += checkTensor(t, 'an initializer');
  if (bytesOf(g, 15).length > 0) throw new ModelRejectedError('sparse initializers are not supported');
  const initializerNames = new Set(bytesOf(g, 5).map((t) => text(bytesOf(readFields(t), 8)[0] ?? new Uint8Array())));
  const inputs = bytesOf(g, 11).map(valueInfo).filter((v) => !initializerNames.has(v.name));
  const outputs = bytesOf(g, 12).map(valueInfo);
  if (inputs.length === 0 || outputs.length === 0) throw new ModelRejectedError('the graph declares no inputs or no outputs');
  return { irVersion, opset, operators: [...operators].sort(), nodes: nodes.length, parameters, inputs, outputs };
}
