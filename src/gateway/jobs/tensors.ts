import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidRequestError } from '../errors';
import type { ValueInfo } from '../models/onnx-check';
import { MAX_INPUT_ELEMENTS } from './quote';

/** Element types a job input may have: name → [ONNX TensorProto.DataType, bytes per element]. */
export const TENSOR_TYPES = { float32: [1, 4], uint8: [2, 1], int8: [3, 1], int32: [6, 4], int64: [7, 8], bool: [9, 1], float16: [10, 2], float64: [11, 8] } as const;
export type TensorType = keyof typeof TENSOR_TYPES;

/** Most bytes of input data per job (all tensors together). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** A tensor as the API carries it: little-endian element bytes in base64. */
export const tensorSchema = z
  .object({
    name: z.string().min(1).max(256),
    type: z.enum(Object.keys(TENSOR_TYPES) as [TensorType, ...TensorType[]]),
    dims: z.array(z.number().int().min(1).max(1 << 24)).max(8),
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

/**
 * Decodes and checks a job's inputs against the model: each declared input given once, no
 * other, element type and fixed dimensions as declared, data exactly dims × element size,
 * and bounded in elements and bytes. InvalidRequestError names the first problem.
 */
export function decodeInputs(wire: readonly WireTensor[], declared: readonly ValueInfo[]): Tensor[] {
  const out: Tensor[] = [];
  let bytes = 0;
  for (const d of declared) if (!wire.some((w) => w.name === d.name)) throw new InvalidRequestError(`input "${d.name}" is missing`, { input: d.name });
  for (const w of wire) {
    const decl = declared.find((d) => d.name === w.name);
    if (!decl) throw new InvalidRequestError(`the model has no input "${w.name}"`, { input: w.name });
    if (out.some((t) => t.name === w.name)) throw new InvalidRequestError(`input "${w.name}" is given twice`, { input: w.name });
    const [onnxType, size] = TENSOR_TYPES[w.type];
    if (decl.elemType !== 0 && decl.elemType !== onnxType) throw new InvalidRequestError(`input "${w.name}" is ${w.type}; the model declares ONNX type ${decl.elemType}`, { input: w.name });
    if (w.dims.length !== decl.dims.length) throw new InvalidRequestError(`input "${w.name}" has rank ${w.dims.length}; the model declares ${decl.dims.length}`, { input: w.name });
    w.dims.forEach((n, i) => {
      const want = decl.dims[i];
      if (want !== null && want !== undefined && want > 0 && want !== n) throw new InvalidRequestError(`input "${w.name}" dimension ${i} is ${n}; the model fixes it at ${want}`, { input: w.name, dim: i });
    });
    const elements = w.dims.reduce((a, n) => a * n, 1);
    if (elements > MAX_INPUT_ELEMENTS) throw new InvalidRequestError(`input "${w.name}" has ${elements} elements, over the ${MAX_INPUT_ELEMENTS} limit`, { input: w.name });
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(w.data)) throw new InvalidRequestError(`input "${w.name}" data is not base64`, { input: w.name });
    const data = Buffer.from(w.data, 'base64');
    if (data.length !== elements * size) throw new InvalidRequestError(`input "${w.name}" has ${data.length} bytes of data; ${w.dims.join('×')} ${w.type} needs ${elements * size}`, { input: w.name });
    bytes += data.length;
    if (bytes > MAX_INPUT_BYTES) throw new InvalidRequestError(`the inputs are over the ${MAX_INPUT_BYTES}-byte limit`);
    out.push({ name: w.name, type: w.type, dims: [...w.dims], data });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

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

export function tensorsHash(tensors: readonly Tensor[]): string {
  return createHash('sha256').update(encodeTensors(tensors)).digest('hex');
}
