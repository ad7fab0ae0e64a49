import { HONEST_ROUNDING, type HonestRounding } from '../reference/honest-rounding';
import { fillHead, fillPoolMatrix, generateInputRows } from '../workload/matrices';
import type { WorkloadParams } from '../workload/params';
import { attr, GraphBuilder } from './graph-builder';
import { hostTensor, type HostFeeds, type HostTensor } from './host-tensor';
import { addNormRelu } from './norm-relu-graph';
import { DataType } from './onnx-proto';

/**
 * Input names of the validator's float64 reference models: pool matrix j is `P${j}`
 * (buildReferencePairModel, fed by referenceRowsFeeds); layer t's matrix is `L${t}`
 * (buildLayerReferencePairModel, fed by layerReferenceFeeds).
 */
export const REFERENCE_ROWS_INPUTS = { x0: 'x0', poolPrefix: 'P', layerPrefix: 'L', head: 'head' } as const;
/** Outputs of the pair model: referenceRows and honestRoundedRows of the same rows. */
export const REFERENCE_PAIR_OUTPUTS = { exact: 'Y_exact', honest: 'Y_honest' } as const;

type Round = (g: GraphBuilder, x: string) => string;
const keep: Round = (_g, x) => x;

/**
 * Round-to-nearest-even of doubles to `bits` significand bits, without range limits, as
 * roundSignificand in src/pog/emulation does: Veltkamp's split γ = C·x, hi = γ + (x − γ) with
 * C = 2^(53−bits) + 1. Every step is one correctly rounded double op (separate kernels, so no
 * FMA contraction); it matches roundSignificand on ties too. 24 bits is a float32 round trip,
 * which is exactly Math.fround.
 */
function rounder(bits: number): Round {
  if (bits >= 53) return keep;
  if (bits === 24) {
    return (g, x) => g.node('Cast', [g.node('Cast', [x], { to: attr.int(DataType.FLOAT) })], { to: attr.int(DataType.DOUBLE) });
  }
  return (g, x) => {
    const gamma = g.node('Mul', [x, g.scalar(DataType.DOUBLE, 2 ** (53 - bits) + 1)]);
    return g.node('Add', [gamma, g.node('Sub', [x, gamma])]);
  };
}

interface ChainInputs {
  readonly x0: string;
  /** The double [n, n] input layer t multiplies by, and a key that is equal for equal matrices. */
  readonly layer: (t: number) => { readonly input: string; readonly key: number };
  readonly head: string;
}

/** The name of pool matrix j's input. */
export function referencePoolInput(j: number): string {
  return `${REFERENCE_ROWS_INPUTS.poolPrefix}${j}`;
}

/** The name of layer t's input in the layer model. */
export function referenceLayerInput(t: number): string {
  return `${REFERENCE_ROWS_INPUTS.layerPrefix}${t}`;
}

/** x0 and head; `layerInputs` declares the matrices and says which one layer t uses. */
function declareInputs(g: GraphBuilder, p: WorkloadParams, k: number, layerInputs: (square: number[]) => ChainInputs['layer']): ChainInputs {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`row count ${k} must be a positive integer`);
  const x0 = g.input(REFERENCE_ROWS_INPUTS.x0, DataType.DOUBLE, [k, p.width]);
  const layer = layerInputs([p.width, p.width]);
  return { x0, layer, head: g.input(REFERENCE_ROWS_INPUTS.head, DataType.DOUBLE, [p.width, p.headWidth]) };
}

function assertSequence(p: WorkloadParams, sequence: readonly number[]): void {
  if (sequence.length !== p.depth || sequence.some((a) => !Number.isInteger(a) || a < 0 || a >= p.poolSize)) {
    throw new RangeError(`a layer sequence must hold ${p.depth} pool indices below ${p.poolSize}`);
  }
}

/**
 * The chain of referenceRows (rounding undefined) or honestRoundedRows, on double values.
 * Layers are wired to their pool matrix by the challenge's own sequence: a Gather from a
 * stacked pool, and casting that pool to double, each cost the validator several times the
 * MatMuls themselves (onnxruntime's profiler; 11.2 s per gpu-preset challenge, now 3.45 s).
 */
function addChain(g: GraphBuilder, p: WorkloadParams, inputs: ChainInputs, rounding: HonestRounding | undefined, output: string): string {
  const roundOperand = rounding ? rounder(rounding.operandBits) : keep;
  const roundStore = rounding ? rounder(rounding.storageBits) : keep;
  const weights = new Map<number, string>();
  const weight = (t: number): string => {
    const { input, key } = inputs.layer(t);
    let w = weights.get(key);
    if (!w) {
      w = rounding?.roundWeights ? roundOperand(g, input) : input;
      weights.set(key, w);
    }
    return w;
  };
  const head = rounding?.roundWeights ? roundOperand(g, inputs.head) : inputs.head;
  let x = inputs.x0;
  for (let t = 0; t < p.depth; t++) {
    const h = roundOperand(g, addNormRelu(g, x, p.width, DataType.DOUBLE));
    x = roundStore(g, g.node('MatMul', [h, weight(t)]));
  }
  const h = roundOperand(g, addNormRelu(g, x, p.width, DataType.DOUBLE));
  const y = roundStore(g, g.node('MatMul', [h, head]));
  return g.node('Identity', [y], {}, output);
}

/**
 * The validator's recomputation of k audited rows as one float64 graph for one challenge's
 * layer sequence: the exact chain (referenceRows, matched to rounding, ~1e-15 per step) and
 * the chain with the declared datapath's roundings replayed (honestRoundedRows, per
 * HONEST_ROUNDING). Outputs REFERENCE_PAIR_OUTPUTS, double [k, r] each.
 */
export function buildReferencePairModel(p: WorkloadParams, k: number, sequence: readonly number[]): Uint8Array {
  assertSequence(p, sequence);
  return pairModel(p, k, (g, square) => {
    const pool = Array.from({ length: p.poolSize }, (_, j) => g.input(referencePoolInput(j), DataType.DOUBLE, square));
    return (t) => ({ input: pool[sequence[t]!]!, key: sequence[t]! });
  });
}

/**
 * The same pair of chains with one [n, n] input per layer (`L${t}`, layerReferenceFeeds feeds
 * the pool matrix of a_t): the model no longer depends on the challenge, so one session
 * serves every verification at these parameters instead of one per challenge.
 */
export function buildLayerReferencePairModel(p: WorkloadParams, k: number): Uint8Array {
  return pairModel(p, k, (g, square) => {
    const layers = Array.from({ length: p.depth }, (_, t) => g.input(referenceLayerInput(t), DataType.DOUBLE, square));
    return (t) => ({ input: layers[t]!, key: t });
  });
}

function pairModel(p: WorkloadParams, k: number, layerInputs: (g: GraphBuilder, square: number[]) => ChainInputs['layer']): Uint8Array {
  const g = new GraphBuilder('pog_reference_pair');
  const inputs = declareInputs(g, p, k, (square) => layerInputs(g, square));
  const rounding = HONEST_ROUNDING[p.datapath];
  const [exact, honest] = rounding.roundWeights
    ? [addChain(g, p, inputs, undefined, REFERENCE_PAIR_OUTPUTS.exact), addChain(g, p, inputs, rounding, REFERENCE_PAIR_OUTPUTS.honest)]
    : addStackedChains(g, p, inputs, rounding);
  g.output(exact, DataType.DOUBLE, [k, p.headWidth]);
  g.output(honest, DataType.DOUBLE, [k, p.headWidth]);
  return g.encode();
}

/**
 * Both chains through one MatMul per layer, the exact rows stacked on the honest ones: each
 * layer's matrix is streamed through the cache once instead of twice (a [2k, n] double GEMM
 * costs about 22% less per row than two [k, n] ones at the gpu preset). Only when the honest
 * chain multiplies by the same, unrounded weights; rows of a MatMul do not interact.
 */
function addStackedChains(g: GraphBuilder, p: WorkloadParams, inputs: ChainInputs, rounding: HonestRounding): [string, string] {
  const roundOperand = rounder(rounding.operandBits);
  const roundStore = rounder(rounding.storageBits);
  const operands = (exact: string, honest: string): string =>
    g.node('Concat', [addNormRelu(g, exact, p.width, DataType.DOUBLE), roundOperand(g, addNormRelu(g, honest, p.width, DataType.DOUBLE))], { axis: attr.int(0) });
  const halves = (stacked: string): [string, string] => {
    const [exact, honest] = g.nodeOutputs('Split', [stacked], { axis: attr.int(0) }, { outputs: 2 }) as [string, string];
    return [exact, roundStore(g, honest)];
  };
  let h = operands(inputs.x0, inputs.x0);
  for (let t = 0; t < p.depth; t++) h = operands(...halves(g.node('MatMul', [h, inputs.layer(t).input])));
  const [exact, honest] = halves(g.node('MatMul', [h, inputs.head]));
  return [g.node('Identity', [exact], {}, REFERENCE_PAIR_OUTPUTS.exact), g.node('Identity', [honest], {}, REFERENCE_PAIR_OUTPUTS.honest)];
}

/**
 * Feeds for buildReferencePairModel(p, rowIndices.length, sequence), generated on the host
 * straight into float64 (the generated values are exact in it).
 */
export function referenceRowsFeeds(seed: Uint8Array, p: WorkloadParams, rowIndices: readonly number[]): HostFeeds {
  const feeds = inputAndHeadFeeds(seed, p, rowIndices);
  for (let j = 0; j < p.poolSize; j++) feeds[referencePoolInput(j)] = poolMatrixFeed(seed, p, j, new Float64Array(p.width * p.width));
  return feeds;
}

/**
 * Feeds for buildLayerReferencePairModel(p, rowIndices.length): layer t gets pool matrix a_t,
 * the same tensor for every layer that uses it; a pool matrix no layer uses is never generated.
 * `allocate` gives the width² arrays the pool is generated into (every element is written), so
 * a caller can hand back arrays it already has instead of fresh memory.
 */
export function layerReferenceFeeds(
  seed: Uint8Array,
  p: WorkloadParams,
  rowIndices: readonly number[],
  sequence: readonly number[],
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): HostFeeds {
  assertSequence(p, sequence);
  const feeds = inputAndHeadFeeds(seed, p, rowIndices);
  const pool = new Map<number, HostTensor>();
  sequence.forEach((a, t) => {
    let matrix = pool.get(a);
    if (!matrix) {
      matrix = poolMatrixFeed(seed, p, a, allocate(p.width * p.width));
      pool.set(a, matrix);
    }
    feeds[referenceLayerInput(t)] = matrix;
  });
  return feeds;
}

function inputAndHeadFeeds(seed: Uint8Array, p: WorkloadParams, rowIndices: readonly number[]): HostFeeds {
  const head = new Float64Array(p.width * p.headWidth);
  fillHead(seed, p, head);
  return {
    [REFERENCE_ROWS_INPUTS.x0]: hostTensor('float64', Float64Array.from(generateInputRows(seed, p, rowIndices)), [rowIndices.length, p.width]),
    [REFERENCE_ROWS_INPUTS.head]: hostTensor('float64', head, [p.width, p.headWidth]),
  };
}

function poolMatrixFeed(seed: Uint8Array, p: WorkloadParams, j: number, matrix: Float64Array): HostTensor {
  if (matrix.length !== p.width * p.width) throw new RangeError(`a pool matrix takes ${p.width * p.width} values, got an array of ${matrix.length}`);
  fillPoolMatrix(seed, p, j, matrix);
  return hostTensor('float64', matrix, [p.width, p.width]);
}
