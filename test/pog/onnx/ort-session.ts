import * as ort from 'onnxruntime-node';
import type { HostFeeds } from '../../../src/pog/onnx';

/** Runs a model once on the CPU EP in this process and returns every requested output. */
export async function runOnCpu(model: Uint8Array, feeds: HostFeeds, outputs: string[], threads = 2): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
  });
  try {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(t.type, t.data, [...t.dims]);
    return (await session.run(ortFeeds, outputs)) as Record<string, ort.Tensor>;
  } finally {
    await session.release();
  }
}
