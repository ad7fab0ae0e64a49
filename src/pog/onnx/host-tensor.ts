/**
 * A tensor as plain data: what model feeds are built as, what crosses to the runner's worker
 * thread (structured-clonable), and what it hands back. Type names are onnxruntime's.
 */
export interface HostTensorTypes {
  float32: Float32Array;
  float64: Float64Array;
  /** fp16 bit patterns (see fp16.ts). */
  float16: Uint16Array;
  uint32: Uint32Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  int8: Int8Array;
  /** One byte per element, 0 or 1. */
  bool: Uint8Array;
}
export type HostTensorType = keyof HostTensorTypes;

export type HostTensor = {
  [K in HostTensorType]: { readonly type: K; readonly data: HostTensorTypes[K]; readonly dims: readonly number[] };
}[HostTensorType];

export type HostFeeds = Record<string, HostTensor>;

export function hostTensor<K extends HostTensorType>(type: K, data: HostTensorTypes[K], dims: readonly number[]): HostTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new RangeError(`${type} tensor of ${data.length} elements does not fit dims [${dims.join(',')}]`);
  return { type, data, dims } as HostTensor;
}
