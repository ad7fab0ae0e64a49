import { createHash } from 'node:crypto';
import type { JobBounds, MinerNodeOptions } from '../../../src/miner';
import { hostTensor, type WorkloadRunner } from '../../../src/pog';
import { tensorsToWire, type Tensor } from '../../../src/protocol';
import { denseModel } from '../../gateway/support/models';
import { startNode, type TestNode } from '../helpers';

/** W of test/gateway/support/models.ts's dense model: (i % 5) - 2, row-major [4, 3]. */
const W = Array.from({ length: 12 }, (_, i) => (i % 5) - 2);

/** The dense model (Y = Relu(X · W), X [batch, 4]) and its SHA-256. */
export function dense(opType = 'MatMul'): { bytes: Buffer; hash: string } {
  const bytes = Buffer.from(denseModel(opType));
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** X as a job input: `batch` rows of 4 float32s, values from `seed`. */
export function denseInput(batch: number, seed = 1): Tensor {
  const x = Float32Array.from({ length: batch * 4 }, (_, i) => ((i * 7 + seed * 3) % 11) - 5 + 0.25);
  return { name: 'X', type: 'float32', dims: [batch, 4], data: Buffer.from(x.buffer) };
}

/** Relu(X · W) computed here in JavaScript, for a check that does not go through onnxruntime. */
export function denseExpected(x: Tensor): Float32Array {
  const xs = new Float32Array(x.data.buffer.slice(x.data.byteOffset, x.data.byteOffset + x.data.length));
  const batch = x.dims[0]!;
  const y = new Float32Array(batch * 3);
  for (let b = 0; b < batch; b++) for (let j = 0; j < 3; j++) {
    let s = 0;
    for (let k = 0; k < 4; k++) s += xs[b * 4 + k]! * W[k * 3 + j]!;
    y[b * 3 + j] = Math.max(0, s);
  }
  return y;
}

/** Y of the dense model on `x`, run directly on `runner` (no miner in between). */
export async function denseDirect(runner: WorkloadRunner, x: Tensor): Promise<Buffer> {
  const xs = new Float32Array(x.data.buffer.slice(x.data.byteOffset, x.data.byteOffset + x.data.length));
  const { outputs } = await runner.run(dense().bytes, { X: hostTensor('float32', xs, x.dims) }, ['Y']);
  const y = outputs.Y!;
  return Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength);
}

export const jobRequest = (modelHash: string, inputs: readonly Tensor[], extra: { jobId?: string; timeoutMs?: number } = {}) => ({
  version: 1,
  jobId: extra.jobId ?? `job_${Math.random().toString(16).slice(2, 14)}`,
  modelHash,
  inputs: tensorsToWire(inputs),
  timeoutMs: extra.timeoutMs ?? 20_000,
});

export const modelUpload = (bytes: Buffer, hash?: string) => ({ version: 1, modelHash: hash ?? createHash('sha256').update(bytes).digest('hex'), model: bytes.toString('base64') });

/** A miner node serving jobs on `runner` (a real onnxruntime worker). */
export function startJobNode(runner: WorkloadRunner, bounds: Partial<JobBounds> = {}, options: Partial<MinerNodeOptions> = {}): Promise<TestNode> {
  return startNode({ jobs: { runner, bounds }, ...options });
}
