import { InvalidRequestError } from '../errors';
import type { ValueInfo } from '../models/onnx-check';
import { MAX_INPUT_ELEMENTS } from './quote';
import { MAX_INPUT_BYTES, TENSOR_TYPES, type Tensor, type WireTensor } from '../../protocol';

// The wire format is shared with the miners (src/protocol/jobs/tensor-wire.ts); re-exported so the gateway's code reads it from here.
export { decodeTensors, encodeTensors, MAX_INPUT_BYTES, TENSOR_TYPES, tensorSchema, tensorsHash, type Tensor, type TensorType, type WireTensor } from '../../protocol';

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
