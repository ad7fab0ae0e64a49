import { RMS_EPSILON } from '../workload/constants';
import { attr, type GraphBuilder } from './graph-builder';
import { DataType } from './onnx-proto';

/**
 * normRelu over the last axis of a [rows, width] value: relu(x / √(mean(x²) + ε)), in
 * `elemType`.
 *
 * float32 is written Pow → ReduceMean → Add → Sqrt → Div → Mul(ones), the pattern onnxruntime
 * fuses into one SimplifiedLayerNormalization kernel: one pass over x instead of three, which
 * took the CPU normRelu cost from about a quarter of the matrix time to a few percent. The
 * ones scale is exact.
 *
 * float64 (the validator's reference) uses ReduceSumSquare / width → Add → Sqrt → Reciprocal →
 * Mul, step for step as src/pog/reference's normRelu, and deliberately not the fusable pattern:
 * the fused kernel's ε is a float attribute and its accumulation order is its own.
 */
export function addNormRelu(
  g: GraphBuilder,
  x: string,
  width: number,
  elemType: typeof DataType.FLOAT | typeof DataType.DOUBLE,
): string {
  const epsilon = g.scalar(elemType, RMS_EPSILON);
  if (elemType === DataType.FLOAT) {
    const meanSquare = g.node('ReduceMean', [g.node('Pow', [x, g.scalar(elemType, 2)])], { axes: attr.ints([-1]), keepdims: attr.int(1) });
    const normalized = g.node('Div', [x, g.node('Sqrt', [g.node('Add', [meanSquare, epsilon])])]);
    const ones = g.constant(elemType, new Array<number>(width).fill(1), [width]);
    return g.node('Relu', [g.node('Mul', [normalized, ones])]);
  }
  const sumSquares = g.node('ReduceSumSquare', [x], { axes: attr.ints([-1]), keepdims: attr.int(1) });
  const meanSquare = g.node('Div', [sumSquares, g.scalar(elemType, width)]);
  const scale = g.node('Reciprocal', [g.node('Sqrt', [g.node('Add', [meanSquare, epsilon])])]);
  return g.node('Relu', [g.node('Mul', [x, scale])]);
}
