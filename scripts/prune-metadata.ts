import type {
  MetadataV16Json,
  PalletJson,
  PortableTypeJson,
  TypeDefJson,
  VariantJson,
} from '../src/chain/devnet/metadata/metadata-json';
import type { PalletSelection } from '../src/chain/devnet/metadata/selection';
import { remapTypeDef, typeDefReferences } from '../src/chain/devnet/metadata/type-references';

/**
 * Keeps the selected pallets, items and runtime APIs of a metadata, narrows the call and
 * event enums (and the runtime's outer enums) to the selected variants with their original
 * indexes, drops docs, and renumbers the types that remain densely.
 */
export function pruneMetadata(
  source: MetadataV16Json,
  pallets: Readonly<Record<string, PalletSelection>>,
  apis: Readonly<Record<string, readonly string[]>>,
): MetadataV16Json {
  const types = new Map(source.lookup.types.map((t) => [t.id, t] as const));
  const overrides = new Map<number, TypeDefJson>();
  const narrow = (id: number, keep: (v: VariantJson) => boolean, what: string, wanted: readonly string[]) => {
    const def = types.get(id)?.type.def;
    if (!def || !('variant' in def)) throw new Error(`${what}: type ${id} is not an enum`);
    const missing = wanted.filter((n) => !def.variant.variants.some((v) => v.name === n));
    if (missing.length) throw new Error(`${what}: not in the source metadata: ${missing.join(', ')}`);
    overrides.set(id, { variant: { variants: def.variant.variants.filter(keep) } });
  };

  const keptPallets: PalletJson[] = [];
  for (const [name, sel] of Object.entries(pallets)) {
    const p = source.pallets.find((x) => x.name === name);
    if (!p) throw new Error(`pallet ${name} is not in the source metadata`);
    const pick = <T extends { name: string }>(items: readonly T[], wanted: readonly string[] | undefined, what: string) => {
      const list = wanted ?? [];
      const missing = list.filter((n) => !items.some((i) => i.name === n));
      if (missing.length) throw new Error(`${name} ${what} not in the source metadata: ${missing.join(', ')}`);
      return items.filter((i) => list.includes(i.name));
    };
    if (sel.calls && p.calls) narrow(p.calls.type, (v) => sel.calls!.includes(v.name), `${name} calls`, sel.calls);
    if (sel.events && p.events) narrow(p.events.type, (v) => sel.events!.includes(v.name), `${name} events`, sel.events);
    const storageItems = pick(p.storage?.items ?? [], sel.storage, 'storage');
    keptPallets.push({
      name: p.name,
      index: p.index,
      storage: storageItems.length ? { prefix: p.storage!.prefix, items: storageItems.map((i) => ({ ...i, docs: [] })) } : null,
      calls: sel.calls ? p.calls : null,
      events: sel.events ? p.events : null,
      errors: sel.errors ? p.errors : null,
      constants: pick(p.constants, sel.constants, 'constants').map((c) => ({ ...c, docs: [] })),
      associatedTypes: [],
      viewFunctions: [],
      docs: [],
      deprecationInfo: p.deprecationInfo,
    });
  }
  keptPallets.sort((a, b) => a.index - b.index);

  const indexes = (key: 'calls' | 'events' | 'errors') =>
    new Set(keptPallets.filter((p) => p[key]).map((p) => p.index));
  narrow(source.outerEnums.callType, (v) => indexes('calls').has(v.index), 'RuntimeCall', []);
  narrow(source.outerEnums.eventType, (v) => indexes('events').has(v.index), 'RuntimeEvent', []);
  narrow(source.outerEnums.errorType, (v) => indexes('errors').has(v.index), 'RuntimeError', []);

  const keptApis = Object.entries(apis).map(([name, methods]) => {
    const api = source.apis.find((a) => a.name === name);
    if (!api) throw new Error(`runtime API ${name} is not in the source metadata`);
    const missing = methods.filter((m) => !api.methods.some((x) => x.name === m));
    if (missing.length) throw new Error(`${name} methods not in the source metadata: ${missing.join(', ')}`);
    return { ...api, docs: [], methods: api.methods.filter((m) => methods.includes(m.name)).map((m) => ({ ...m, docs: [] })) };
  });

  const defOf = (id: number): TypeDefJson => {
    const def = overrides.get(id) ?? types.get(id)?.type.def;
    if (!def) throw new Error(`type ${id} is not in the lookup`);
    return def;
  };
  const roots: number[] = [
    source.extrinsic.addressType,
    source.extrinsic.callType,
    source.extrinsic.signatureType,
    ...source.extrinsic.transactionExtensions.flatMap((e) => [e.type, e.implicit]),
    source.outerEnums.callType,
    source.outerEnums.eventType,
    source.outerEnums.errorType,
  ];
  for (const p of keptPallets) {
    for (const i of p.storage?.items ?? []) roots.push(...('plain' in i.type ? [i.type.plain] : [i.type.map.key, i.type.map.value]));
    for (const ref of [p.calls, p.events, p.errors]) if (ref) roots.push(ref.type);
    for (const c of p.constants) roots.push(c.type);
  }
  for (const a of keptApis) for (const m of a.methods) roots.push(m.output, ...m.inputs.map((i) => i.type));

  const reachable = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    const t = types.get(id);
    if (!t) throw new Error(`type ${id} is not in the lookup`);
    stack.push(...typeDefReferences(defOf(id)), ...t.type.params.flatMap((p) => (p.type === null ? [] : [p.type])));
  }
  const order = [...reachable].sort((a, b) => a - b);
  const newId = new Map(order.map((old, i) => [old, i] as const));
  const map = (id: number): number => {
    const n = newId.get(id);
    if (n === undefined) throw new Error(`type ${id} was pruned but is still referenced`);
    return n;
  };
  const lookupTypes: PortableTypeJson[] = order.map((old) => {
    const t = types.get(old)!;
    const def = remapTypeDef(stripDocs(defOf(old)), map);
    return {
      id: map(old),
      type: {
        path: t.type.path,
        params: t.type.params.map((p) => ({ name: p.name, type: p.type === null ? null : map(p.type) })),
        def,
        docs: [],
      },
    };
  });

  return {
    lookup: { types: lookupTypes },
    pallets: keptPallets.map((p) => ({
      ...p,
      storage: p.storage && {
        prefix: p.storage.prefix,
        items: p.storage.items.map((i) => ({
          ...i,
          type: 'plain' in i.type ? { plain: map(i.type.plain) } : { map: { ...i.type.map, key: map(i.type.map.key), value: map(i.type.map.value) } },
        })),
      },
      calls: p.calls && { ...p.calls, type: map(p.calls.type) },
      events: p.events && { ...p.events, type: map(p.events.type) },
      errors: p.errors && { ...p.errors, type: map(p.errors.type) },
      constants: p.constants.map((c) => ({ ...c, type: map(c.type) })),
    })),
    extrinsic: {
      ...source.extrinsic,
      addressType: map(source.extrinsic.addressType),
      callType: map(source.extrinsic.callType),
      signatureType: map(source.extrinsic.signatureType),
      transactionExtensions: source.extrinsic.transactionExtensions.map((e) => ({ ...e, type: map(e.type), implicit: map(e.implicit) })),
    },
    apis: keptApis.map((a) => ({
      ...a,
      methods: a.methods.map((m) => ({ ...m, output: map(m.output), inputs: m.inputs.map((i) => ({ ...i, type: map(i.type) })) })),
    })),
    outerEnums: {
      callType: map(source.outerEnums.callType),
      eventType: map(source.outerEnums.eventType),
      errorType: map(source.outerEnums.errorType),
    },
    custom: { map: {} },
  };
}

function stripDocs(def: TypeDefJson): TypeDefJson {
  if ('composite' in def) return { composite: { fields: def.composite.fields.map((f) => ({ ...f, docs: [] })) } };
  if ('variant' in def) {
    return {
      variant: {
        variants: def.variant.variants.map((v) => ({ ...v, docs: [], fields: v.fields.map((f) => ({ ...f, docs: [] })) })),
      },
    };
  }
  return def;
}
