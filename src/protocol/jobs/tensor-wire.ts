import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Tensors as the compute market carries them, between buyer, gateway and miner: the JSON form
 * (little-endian element bytes in base64) and the canonical byte form whose SHA-256 is a job's
 * input or output hash. Shared here because the gateway and the miner must agree on every byte.
 */

/** Element types a job tensor may have: name → [ONNX TensorProto.DataType, bytes per element]. */
export const TENSOR_TYPES = { float32: [1, 4], uint8: [2, 1], int8: [3, 1], int32: [6, 4], int64: [7, 8], bool: [9, 1], float16: [10, 2], float64: [11, 8] } as const;
export type TensorType = keyof typeof TENSOR_TYPES;

/** Most bytes of input data per job (all tensors together); the bound one wire tensor's data is held to. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** Most tensors in one job's inputs or outputs. */
export const MAX_TENSORS = 64;
/** Most dimensions of one tensor. */
export const MAX_RANK = 8;

/** Characters of base64 that `bytes` bytes take. */
export const base64Chars = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/** A tensor as the API carries it: little-endian element bytes in base64. */
export const tensorSchema = z
  .object({
    name: z.string().min(1).max(256),
    type: z.enum(Object.keys(TENSOR_TYPES) as [TensorType, ...TensorType[]]),
    dims: z.array(z.number().int().min(1).max(1 << 24)).max(MAX_RANK),
    data: z.string().max(Math.ceil((MAX_INPUT_BYTES * 4) / 3) + 4),
  })
  .strict();
export type WireTensor = z.infer<typeof tensorSchema>;

export interface Tensor {
  readonly name: string;
  readonly type: TensorType;
  readonly dims: readonly number[];
  readonly data: Buffer;
}

/** Why a wire tensor does not decode: `code` is stable, `message` names the tensor. */
export class TensorWireError extends Error {
  constructor(
    readonly code: 'not_base64' | 'wrong_size' | 'duplicate_name' | 'too_large',
    message: string,
    readonly tensor?: string,
  ) {
    super(message);
    this.name = 'TensorWireError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Elements of a tensor with these dims (1 for a scalar). */
export const elementCount = (dims: readonly number[]): number => dims.reduce((a, n) => a * n, 1);

/**
 * Decodes wire tensors without a model to check them against (the miner's side): base64
 * data, exactly dims × element size bytes, names distinct, all data together at most
 * `maxBytes`. Sorted by name. Throws TensorWireError.
 */
export function tensorsFromWire(wire: readonly WireTensor[], maxBytes: number): Tensor[] {
  const out: Tensor[] = [];
  const names = new Set<string>();
  let bytes = 0;
  for (const w of wire) {
    if (names.has(w.name)) throw new TensorWireError('duplicate_name', `tensor "${w.name}" is given twice`, w.name);
    names.add(w.name);
    const size = TENSOR_TYPES[w.type][1];
    const expected = elementCount(w.dims) * size;
    // Checked before decoding, so a forged dims product never sizes an allocation.
    if (bytes + expected > maxBytes) throw new TensorWireError('too_large', `the tensors are over the ${maxBytes}-byte limit`, w.name);
    if (!BASE64.test(w.data) || w.data.length % 4 !== 0) throw new TensorWireError('not_base64', `tensor "${w.name}" data is not padded base64`, w.name);
    const data = Buffer.from(w.data, 'base64');
    if (data.length !== expected) throw new TensorWireError('wrong_size', `tensor "${w.name}" has ${data.length} bytes of data; ${w.dims.join('×') || 'scalar'} ${w.type} needs ${expected}`, w.name);
    bytes += data.length;
    out.push({ name: w.name, type: w.type, dims: [...w.dims], data });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function tensorsToWire(tensors: readonly Tensor[]): WireTensor[] {
  return tensors.map((t) => ({ name: t.name, type: t.type, dims: [...t.dims], data: t.data.toString('base64') }));
}

/** Bytes of data of all `tensors` together. */
export const tensorBytes = (tensors: readonly Tensor[]): number => tensors.reduce((a, t) => a + t.data.length, 0);

/**
 * One byte string for a set of tensors, the same whatever order they came in: what is stored
 * and what the input hash (and a miner's receipt) covers. Layout per tensor, sorted by name:
 * u32 header length, header JSON {name,type,dims}, u32 data length, data.
 */
export function encodeTensors(tensors: readonly Tensor[]): Buffer {
  const parts: Buffer[] = [];
  for (const t of [...tensors].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const header = Buffer.from(JSON.stringify({ name: t.name, type: t.type, dims: t.dims }));
    const h = Buffer.alloc(4);
    h.writeUInt32LE(header.length);
    const d = Buffer.alloc(4);
    d.writeUInt32LE(t.data.length);
    parts.push(h, header, d, t.data);
  }
  return Buffer.concat(parts);
}

export function decodeTensors(bytes: Buffer): Tensor[] {
  const out: Tensor[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const hl = bytes.readUInt32LE(pos);
    const header = JSON.parse(bytes.subarray(pos + 4, pos + 4 + hl).toString()) as { name: string; type: TensorType; dims: number[] };
    pos += 4 + hl;
    const dl = bytes.readUInt32LE(pos);
    out.push({ ...header, data: Buffer.from(bytes.subarray(pos + 4, pos + 4 + dl)) });
    pos += 4 + dl;
  }
  return out;
}

/** SHA-256 (lowercase hex) of encodeTensors(tensors): a job's inputHash or outputHash. */
export function tensorsHash(tensors: readonly Tensor[]): string {
  return createHash('sha256').update(encodeTensors(tensors)).digest('hex');
}
