import type { MetadataV16Json, PortableTypeJson } from './metadata-json';

/**
 * Renders every pallet item and runtime API of a metadata as one line of text that names
 * its indexes, names and fully expanded types, so two metadatas can be compared item by
 * item whatever their type ids are. Used to prove the dev chain serves subtensor's exact
 * interface for everything it implements.
 */
export function metadataSignatures(metadata: MetadataV16Json): Map<string, string> {
  const render = typeRenderer(metadata.lookup.types);
  const out = new Map<string, string>();
  for (const pallet of metadata.pallets) {
    const p = `${pallet.name}#${pallet.index}`;
    for (const item of pallet.storage?.items ?? []) {
      const t = item.type;
      const shape =
        'plain' in t
          ? `plain ${render(t.plain)}`
          : `map [${t.map.hashers.join(',')}] ${render(t.map.key)} -> ${render(t.map.value)}`;
      out.set(`${pallet.name}.storage.${item.name}`, `${p} ${pallet.storage?.prefix}.${item.name} ${item.modifier} ${shape} = ${item.fallback}`);
    }
    for (const kind of ['calls', 'events', 'errors'] as const) {
      const ref = pallet[kind];
      if (!ref) continue;
      for (const variant of variantsOf(metadata.lookup.types, ref.type)) {
        const fields = variant.fields.map((f) => `${f.name ?? '_'}: ${render(f.type)}`).join(', ');
        out.set(`${pallet.name}.${kind}.${variant.name}`, `${p} ${kind} ${variant.name}#${variant.index}(${fields})`);
      }
    }
    for (const c of pallet.constants) {
      out.set(`${pallet.name}.constants.${c.name}`, `${p} const ${c.name}: ${render(c.type)}`);
    }
  }
  for (const api of metadata.apis) {
    for (const m of api.methods) {
      const inputs = m.inputs.map((i) => `${i.name}: ${render(i.type)}`).join(', ');
      out.set(`api.${api.name}.${m.name}`, `${api.name} v${api.version} ${m.name}(${inputs}) -> ${render(m.output)}`);
    }
  }
  const x = metadata.extrinsic;
  out.set(
    'extrinsic',
    `versions ${x.versions} address ${render(x.addressType)} signature ${render(x.signatureType)} extensions ${x.transactionExtensions
      .map((e) => `${e.identifier}(${render(e.type)}; ${render(e.implicit)})`)
      .join(', ')}`,
  );
  return out;
}

function variantsOf(types: readonly PortableTypeJson[], id: number) {
  const def = lookup(types, id).type.def;
  if (!('variant' in def)) throw new Error(`type ${id} is not an enum`);
  return def.variant.variants;
}

function lookup(types: readonly PortableTypeJson[], id: number): PortableTypeJson {
  const t = types.find((x) => x.id === id);
  if (!t) throw new Error(`type ${id} is not in the lookup`);
  return t;
}

/** The runtime's outer enums are rendered by name only: each pallet's part is compared on its own. */
const OPAQUE_PATHS = new Set(['RuntimeCall', 'RuntimeEvent', 'RuntimeError']);

function typeRenderer(types: readonly PortableTypeJson[]): (id: number) => string {
  const byId = new Map(types.map((t) => [t.id, t] as const));
  const render = (id: number, stack: readonly number[]): string => {
    const t = byId.get(id);
    if (!t) throw new Error(`type ${id} is not in the lookup`);
    const { path, def } = t.type;
    const name = path.join('::');
    if (stack.includes(id) || OPAQUE_PATHS.has(path[path.length - 1] ?? '')) return name || `#recursive`;
    const next = [...stack, id];
    const r = (x: number) => render(x, next);
    if ('primitive' in def) return def.primitive.toLowerCase();
    if ('compact' in def) return `Compact<${r(def.compact.type)}>`;
    if ('sequence' in def) return `Vec<${r(def.sequence.type)}>`;
    if ('array' in def) return `[${r(def.array.type)}; ${def.array.len}]`;
    if ('tuple' in def) return `(${def.tuple.map(r).join(', ')})`;
    if ('bitSequence' in def) return `BitVec<${r(def.bitSequence.bitStoreType)}, ${r(def.bitSequence.bitOrderType)}>`;
    if ('composite' in def) {
      const fields = def.composite.fields.map((f) => (f.name ? `${f.name}: ${r(f.type)}` : r(f.type))).join(', ');
      return `${name}{${fields}}`;
    }
    const variants = def.variant.variants
      .map((v) => `${v.name}#${v.index}(${v.fields.map((f) => (f.name ? `${f.name}: ${r(f.type)}` : r(f.type))).join(', ')})`)
      .join(' | ');
    return `${name}<${variants}>`;
  };
  return (id) => render(id, []);
}
