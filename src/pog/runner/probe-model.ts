import { DataType, GraphBuilder } from '../onnx';

/** y = x + x on float32[1]: run once at start-up to prove the execution provider works. */
export function buildProbeModel(): Uint8Array {
  const g = new GraphBuilder('pog_probe');
  const x = g.input('x', DataType.FLOAT, [1]);
  g.output(g.node('Add', [x, x], {}, 'y'), DataType.FLOAT, [1]);
  return g.encode();
}
