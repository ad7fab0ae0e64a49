import { DataType, GraphBuilder, workloadGraph, type GraphSpec } from '../../../src/pog/onnx';
import { preset } from '../../../src/pog/workload';

// Kernels the onnxruntime CUDA execution provider registers, by op and first-input type, for
// the opsets this project emits (opset 17), as listed in onnxruntime's docs/OperatorKernels.md.
// A node without a CUDA kernel is not an error in onnxruntime: it silently runs on the CPU,
// with copies to and from the GPU around it. Note what is absent: BitShift, BitwiseAnd/Or/Xor.
const { FLOAT, DOUBLE, FLOAT16, INT32, INT64, UINT32 } = DataType;
const TYPE_NAME = new Map<number, string>(Object.entries(DataType).map(([name, code]) => [code, name]));
const typeName = (type: number): string => TYPE_NAME.get(type) ?? String(type);
const ALL = 'all' as const;
const ARITHMETIC = [FLOAT, DOUBLE, FLOAT16, INT32, INT64, UINT32];
const CUDA_KERNELS: Record<string, readonly DataType[] | typeof ALL> = {
  Add: ARITHMETIC,
  Sub: ARITHMETIC,
  Mul: ARITHMETIC,
  Div: ARITHMETIC,
  Cast: ALL,
  Constant: ALL,
  Gather: ALL,
  Identity: ALL,
  Split: ALL,
  Unsqueeze: ALL,
  Range: [FLOAT, DOUBLE, INT32, INT64],
  MatMul: [FLOAT, DOUBLE, FLOAT16],
  ReduceMean: [FLOAT, DOUBLE, FLOAT16, INT32],
  ReduceSumSquare: [FLOAT, DOUBLE, FLOAT16],
  Pow: [FLOAT, DOUBLE, FLOAT16, INT32, INT64],
  Sqrt: [FLOAT, DOUBLE, FLOAT16],
  Reciprocal: [FLOAT, DOUBLE, FLOAT16],
  Relu: [FLOAT, DOUBLE, FLOAT16],
};

/** Every node as `Op:type` of its first input, with types propagated from the graph inputs. */
function nodeKernels(graph: GraphSpec): string[] {
  const types = new Map<string, DataType>(graph.inputs.map((i) => [i.name, i.elemType]));
  const kernels: string[] = [];
  for (const node of graph.nodes) {
    let type: DataType | undefined;
    if (node.opType === 'Constant') {
      const value = node.attributes.value;
      if (value?.kind !== 'tensor') throw new Error(`Constant ${node.name} without a tensor value`);
      type = value.value.dataType;
    } else {
      type = types.get(node.inputs[0]!);
      if (type === undefined) throw new Error(`no type for ${node.inputs[0]} (input of ${node.opType})`);
    }
    kernels.push(`${node.opType}:${typeName(type)}`);
    const to = node.attributes.to;
    const outputType = node.opType === 'Cast' && to?.kind === 'int' ? (to.value as DataType) : type;
    for (const output of node.outputs) types.set(output, outputType);
  }
  return kernels;
}

function missingOnCuda(graph: GraphSpec): string[] {
  return [...new Set(nodeKernels(graph))].filter((kernel) => {
    const [op, type] = kernel.split(':') as [string, string];
    const allowed = CUDA_KERNELS[op];
    return allowed === undefined || (allowed !== ALL && !allowed.some((t) => typeName(t) === type));
  });
}

describe('the workload graph runs entirely on the CUDA execution provider', () => {
  it.each(['fp32', 'fp16'] as const)('%s: every node has a CUDA kernel for its types', (datapath) => {
    const graph = workloadGraph(preset('ci', { datapath, depth: 3 }));
    expect(missingOnCuda(graph)).toEqual([]);
    const kernels = new Set(nodeKernels(graph));
    // the generator's integer arithmetic, and the matmuls in the declared precision
    for (const k of ['Mul:UINT32', 'Add:UINT32', 'Div:UINT32', 'Range:INT64', `MatMul:${datapath === 'fp16' ? 'FLOAT16' : 'FLOAT'}`]) {
      expect(kernels).toContain(k);
    }
  });

  it('flags a node CUDA lacks, such as a BitShift the generator must never use', () => {
    const g = new GraphBuilder('shift');
    const x = g.input('x', UINT32, [4]);
    g.output(g.node('BitShift', [x, g.scalar(UINT32, 8)], { direction: { kind: 'string', value: 'RIGHT' } }, 'y'), UINT32, [4]);
    expect(missingOnCuda(g.build())).toEqual(['BitShift:UINT32']);
  });
});
