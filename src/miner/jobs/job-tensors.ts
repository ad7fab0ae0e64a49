import type { HostFeeds, HostTensor } from '../../pog';
import { TENSOR_TYPES, type Tensor, type TensorType } from '../../protocol';

/** The typed array onnxruntime-node takes for each wire type (float16 as its bit patterns, bool as bytes). */
const ARRAY_OF = {
  float32: Float32Array,
  uint8: Uint8Array,
  int8: Int8Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
  float16: Uint16Array,
  float64: Float64Array,
} as const satisfies Record<TensorType, unknown>;

/**
 * Job inputs as the runner's feeds. The wire's bytes are little-endian, as the typed arrays
 * are on every host onnxruntime-node ships for (x64, arm64); each feed gets a buffer of its
 * own, aligned, that can be transferred to the runner's worker.
 */
export function feedsOf(inputs: readonly Tensor[]): HostFeeds {
  const feeds: HostFeeds = {};
  for (const t of inputs) {
    const buffer = new ArrayBuffer(t.data.length);
    new Uint8Array(buffer).set(t.data);
    feeds[t.name] = { type: t.type, data: new ARRAY_OF[t.type](buffer), dims: [...t.dims] } as HostTensor;
  }
  return feeds;
}

/** Why an output cannot go on the wire, or null when it can. */
export function unsendableOutput(name: string, output: { readonly type: string; readonly dims: readonly number[] }): string | null {
  if (!Object.hasOwn(TENSOR_TYPES, output.type)) return `output "${name}" has element type ${output.type}, which the job wire does not carry`;
  if (output.dims.some((n) => !Number.isInteger(n) || n < 1)) return `output "${name}" has an empty dimension (${output.dims.join('×')})`;
  if (output.dims.length > 8) return `output "${name}" has rank ${output.dims.length}, over 8`;
  return null;
}

/** A runner output as a wire tensor (call unsendableOutput first). */
export function tensorOf(name: string, output: HostTensor): Tensor {
  const view = output.data;
  return { name, type: output.type as TensorType, dims: [...output.dims], data: Buffer.from(view.buffer, view.byteOffset, view.byteLength) };
}
