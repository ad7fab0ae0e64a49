import { HONEST_ROUNDING, type HonestRounding } from '../reference/honest-rounding';
import { fillHead, fillPoolMatrix, generateInputRows } from '../workload/matrices';
import type { WorkloadParams } from '../workload/params';
import { attr, GraphBuilder } from './graph-builder';
import { hostTensor, type HostFeeds } from './host-tensor';
import { addNormRelu } from './norm-relu-graph';
import { DataType } from './onnx-proto';

/** Input names of the validator's float64 reference model (it takes referenceRowsFeeds); pool matrix j is `P${j}`. */
export const REFERENCE_ROWS_INPUTS = { x0: 'x0', poolPrefix: 'P', head: 'head' } as const;
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
  /** One double [n, n] input per pool matrix. */
  readonly pool: readonly string[];
  readonly head: string;
}

/** The name of pool matrix j's input. */
export function referencePoolInput(j: number): string {
  return `${REFERENCE_ROWS_INPUTS.poolPrefix}${j}`;
}

function declareInputs(g: GraphBuilder, p: WorkloadParams, k: number): ChainInputs {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`row count ${k} must be a positive integer`);
  return {
    x0: g.input(REFERENCE_ROWS_INPUTS.x0, DataType.DOUBLE, [k, p.width]),
    pool: Array.from({ length: p.poolSize }, (_, j) => g.input(referencePoolInput(j), DataType.DOUBLE, [p.width, p.width])),
    head: g.input(REFERENCE_ROWS_INPUTS.head, DataType.DOUBLE, [p.width, p.headWidth]),
  };
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
function addChain(
  g: GraphBuilder,
  p: WorkloadParams,
  inputs: ChainInputs,
  sequence: readonly number[],
  rounding: HonestRounding | undefined,
  output: string,
): string {
  const roundOperand = rounding ? rounder(rounding.operandBits) : keep;
  const roundStore = rounding ? rounder(rounding.storageBits) : keep;
  const weights = new Map<number, string>();
  const weight = (a: number): string => {
    let w = weights.get(a);
    if (!w) {
      w = rounding?.roundWeights ? roundOperand(g, inputs.pool[a]!) : inputs.pool[a]!;
      weights.set(a, w);
    }
    return w;
  };
  const head = rounding?.roundWeights ? roundOperand(g, inputs.head) : inputs.head;
  let x = inputs.x0;
  for (const a of sequence) {
    const h = roundOperand(g, addNormRelu(g, x, p.width, DataType.DOUBLE));
    x = roundStore(g, g.node('MatMul', [h, weight(a)]));
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
  const g = new GraphBuilder('pog_reference_pair');
  const inputs = declareInputs(g, p, k);
  g.output(addChain(g, p, inputs, sequence, undefined, REFERENCE_PAIR_OUTPUTS.exact), DataType.DOUBLE, [k, p.headWidth]);
  g.output(addChain(g, p, inputs, sequence, HONEST_ROUNDING[p.datapath], REFERENCE_PAIR_OUTPUTS.honest), DataType.DOUBLE, [k, p.headWidth]);
  return g.encode();
}

/**
 * Feeds for buildReferencePairModel(p, rowIndices.length, sequence), generated on the host
 * straight into float64 (the generated values are exact in it).
 */
export function referenceRowsFeeds(seed: Uint8Array, p: WorkloadParams, rowIndices: readonly number[]): HostFeeds {
  const feeds: HostFeeds = {
    [REFERENCE_ROWS_INPUTS.x0]: hostTensor('float64', Float64Array.from(generateInputRows(seed, p, rowIndices)), [rowIndices.length, p.width]),
  };
  for (let j = 0; j < p.poolSize; j++) {
    const matrix = new Float64Array(p.width * p.width);
    fillPoolMatrix(seed, p, j, matrix);
    feeds[referencePoolInput(j)] = hostTensor('float64', matrix, [p.width, p.width]);
  }
  const head = new Float64Array(p.width * p.headWidth);
  fillHead(seed, p, head);
  feeds[REFERENCE_ROWS_INPUTS.head] = hostTensor('float64', head, [p.width, p.headWidth]);
  return feeds;
}
