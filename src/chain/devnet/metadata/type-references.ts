import type { TypeDefJson } from './metadata-json';

/** Every type id a type definition refers to, in field order. */
export function typeDefReferences(def: TypeDefJson): number[] {
  if ('composite' in def) return def.composite.fields.map((f) => f.type);
  if ('variant' in def) return def.variant.variants.flatMap((v) => v.fields.map((f) => f.type));
  if ('sequence' in def) return [def.sequence.type];
  if ('array' in def) return [def.array.type];
  if ('tuple' in def) return [...def.tuple];
  if ('compact' in def) return [def.compact.type];
  if ('bitSequence' in def) return [def.bitSequence.bitStoreType, def.bitSequence.bitOrderType];
  return [];
}

/** A copy of the definition with every type id passed through `map`. */
export function remapTypeDef(def: TypeDefJson, map: (id: number) => number): TypeDefJson {
  if ('composite' in def) {
    return { composite: { fields: def.composite.fields.map((f) => ({ ...f, type: map(f.type) })) } };
  }
  if ('variant' in def) {
    return {
      variant: {
        variants: def.variant.variants.map((v) => ({
          ...v,
          fields: v.fields.map((f) => ({ ...f, type: map(f.type) })),
        })),
      },
    };
  }
  if ('sequence' in def) return { sequence: { type: map(def.sequence.type) } };
  if ('array' in def) return { array: { len: def.array.len, type: map(def.array.type) } };
  if ('tuple' in def) return { tuple: def.tuple.map(map) };
  if ('compact' in def) return { compact: { type: map(def.compact.type) } };
  if ('bitSequence' in def) {
    return {
      bitSequence: {
        bitStoreType: map(def.bitSequence.bitStoreType),
        bitOrderType: map(def.bitSequence.bitOrderType),
      },
    };
  }
  return def;
}
