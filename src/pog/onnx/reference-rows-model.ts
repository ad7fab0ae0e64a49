import { HONEST_ROUNDING, type HonestRounding } from '../reference/honest-rounding';
import { generateInputRows, generateMatrices, type WorkloadMatrices } from '../workload/matrices';
import type { WorkloadParams } from '../workload/params';
import { attr, GraphBuilder } from './graph-builder';
import { hostTensor, type HostFeeds } from './host-tensor';
import { addNormRelu } from './norm-relu-graph';
import { DataType } from './onnx-proto';

/** Input names of the validator's float64 reference models (both take referenceRowsFeeds). */
export const REFERENCE_ROWS_INPUTS = { x0: 'x0', pool: 'pool', head: 'head', sequence: 'sequence' } as const;
export const REFERENCE_ROWS_OUTPUT = 'Y';
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
  readonly pool: string;
  readonly head: string;
  readonly sequence: string;
}

/** The chain of referenceRows (rounding undefined) or honestRoundedRows, on double values. */
function addChain(g: GraphBuilder, p: WorkloadParams, inputs: ChainInputs, rounding: HonestRounding | undefined, output: string): string {
  const roundOperand = rounding ? rounder(rounding.operandBits) : keep;
  const roundStore = rounding ? rounder(rounding.storageBits) : keep;
  const pool = rounding?.roundWeights ? roundOperand(g, inputs.pool) : inputs.pool;
  const head = rounding?.roundWeights ? roundOperand(g, inputs.head) : inputs.head;
  let x = inputs.x0;
  for (let t = 0; t < p.depth; t++) {
    const a = g.node('Gather', [inputs.sequence, g.scalar(DataType.INT64, t)], { axis: attr.int(0) });
    const weight = g.node('Gather', [pool, a], { axis: attr.int(0) });
    const h = roundOperand(g, addNormRelu(g, x, p.width, DataType.DOUBLE));
    x = roundStore(g, g.node('MatMul', [h, weight]));
  }
  const h = roundOperand(g, addNormRelu(g, x, p.width, DataType.DOUBLE));
  const y = roundStore(g, g.node('MatMul', [h, head]));
  return g.node('Identity', [y], {}, output);
}

function declareInputs(g: GraphBuilder, p: WorkloadParams, k: number): ChainInputs {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`row count ${k} must be a positive integer`);
  const toDouble = (v: string): string => g.node('Cast', [v], { to: attr.int(DataType.DOUBLE) });
  return {
    x0: toDouble(g.input(REFERENCE_ROWS_INPUTS.x0, DataType.FLOAT, [k, p.width])),
    pool: toDouble(g.input(REFERENCE_ROWS_INPUTS.pool, DataType.FLOAT, [p.poolSize, p.width, p.width])),
    head: toDouble(g.input(REFERENCE_ROWS_INPUTS.head, DataType.FLOAT, [p.width, p.headWidth])),
    sequence: g.input(REFERENCE_ROWS_INPUTS.sequence, DataType.INT64, [p.depth]),
  };
}

/**
 * The validator's recomputation of k audited rows as a float64 ONNX graph: host-generated
 * float32 operands (exact for both value formats) are Cast to double and run through the same
 * chain as referenceRows, which it matches to rounding (~1e-15 per step). Output double [k, r].
 */
export function buildReferenceRowsModel(p: WorkloadParams, k: number): Uint8Array {
  const g = new GraphBuilder('pog_reference_rows');
  const y = addChain(g, p, declareInputs(g, p, k), undefined, REFERENCE_ROWS_OUTPUT);
  g.output(y, DataType.DOUBLE, [k, p.headWidth]);
  return g.encode();
}

/**
 * Both of the verifier's references in one float64 graph: the exact chain (referenceRows) and
 * the chain with the declared datapath's roundings replayed (honestRoundedRows, per
 * HONEST_ROUNDING). Outputs REFERENCE_PAIR_OUTPUTS, double [k, r] each.
 */
export function buildReferencePairModel(p: WorkloadParams, k: number): Uint8Array {
  const g = new GraphBuilder('pog_reference_pair');
  const inputs = declareInputs(g, p, k);
  g.output(addChain(g, p, inputs, undefined, REFERENCE_PAIR_OUTPUTS.exact), DataType.DOUBLE, [k, p.headWidth]);
  g.output(addChain(g, p, inputs, HONEST_ROUNDING[p.datapath], REFERENCE_PAIR_OUTPUTS.honest), DataType.DOUBLE, [k, p.headWidth]);
  return g.encode();
}

/** Feeds for buildReferenceRowsModel / buildReferencePairModel(p, rowIndices.length), generated on the host. */
export function referenceRowsFeeds(
  seed: Uint8Array,
  p: WorkloadParams,
  rowIndices: readonly number[],
  matrices: WorkloadMatrices = generateMatrices(seed, p),
): HostFeeds {
  return {
    [REFERENCE_ROWS_INPUTS.x0]: hostTensor('float32', generateInputRows(seed, p, rowIndices), [rowIndices.length, p.width]),
    [REFERENCE_ROWS_INPUTS.pool]: hostTensor('float32', matrices.pool, [p.poolSize, p.width, p.width]),
    [REFERENCE_ROWS_INPUTS.head]: hostTensor('float32', matrices.head, [p.width, p.headWidth]),
    [REFERENCE_ROWS_INPUTS.sequence]: hostTensor(
      'int64',
      BigInt64Array.from(matrices.sequence, (a) => BigInt(a)),
      [p.depth],
    ),
  };
}
