import { ModelRejectedError } from '../errors';

/** One protobuf field: its number, wire type and value (varint as bigint, length-delimited as bytes). */
export type ProtoField = { readonly no: number; readonly wire: 0; readonly varint: bigint } | { readonly no: number; readonly wire: 2; readonly bytes: Uint8Array } | { readonly no: number; readonly wire: 1 | 5 };

/**
 * The fields of one protobuf message, in order. Bounds-checked: a truncated or malformed
 * buffer throws ModelRejectedError rather than reading past its end.
 */
export function readFields(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw new ModelRejectedError('the protobuf is truncated');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
    throw new ModelRejectedError('the protobuf has an over-long varint');
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (no === 0) throw new ModelRejectedError('the protobuf has a field number 0');
    if (wire === 0) fields.push({ no, wire, varint: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      if (len > buf.length - pos) throw new ModelRejectedError('the protobuf has a field longer than its message');
      fields.push({ no, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1 || wire === 5) {
      const len = wire === 1 ? 8 : 4;
      if (len > buf.length - pos) throw new ModelRejectedError('the protobuf is truncated');
      pos += len;
      fields.push({ no, wire });
    } else throw new ModelRejectedError(`the protobuf has an unsupported wire type ${wire}`);
  }
  return fields;
}

export const text = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);

export function bytesOf(fields: readonly ProtoField[], no: number): Uint8Array[] {
  return fields.filter((f): f is Extract<ProtoField, { wire: 2 }> => f.no === no && f.wire === 2).map((f) => f.bytes);
}

export function varintsOf(fields: readonly ProtoField[], no: number): bigint[] {
  const out: bigint[] = [];
  for (const f of fields) {
    if (f.no !== no) continue;
    if (f.wire === 0) out.push(f.varint);
    else if (f.wire === 2) {
      // packed repeated varints (proto3 writers)
      for (const inner of readPackedVarints(f.bytes)) out.push(inner);
    }
  }
  return out;
}

function readPackedVarints(buf: Uint8Array): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new ModelRejectedError('the protobuf is truncated');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) break;
      if (shift > 70n) throw new ModelRejectedError('the protobuf has an over-long varint');
    }
    out.push(result);
  }
  return out;
}
