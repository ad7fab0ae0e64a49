import type { Call } from '@polkadot/types/interfaces';
import type { DevnetMetadata } from '../metadata/build-metadata';
import type { CallDefinition, PalletRuntime } from './call-context';

export interface ResolvedCall {
  readonly pallet: string;
  readonly name: string;
  readonly definition: CallDefinition;
}

/**
 * Routes a decoded call to its implementation by (pallet index, call index), and checks
 * at start-up that the metadata and the implementations list exactly the same calls.
 */
export class CallTable {
  private readonly byIndex = new Map<string, ResolvedCall>();

  constructor(md: DevnetMetadata, pallets: readonly PalletRuntime[], options: { allowMissing?: boolean } = {}) {
    const byName = new Map(pallets.map((p) => [p.name, p] as const));
    const problems: string[] = [];
    for (const p of md.json.pallets) {
      if (!p.calls) continue;
      const def = md.json.lookup.types[p.calls.type]?.type.def;
      const variants = def && 'variant' in def ? def.variant.variants : [];
      const runtime = byName.get(p.name);
      for (const v of variants) {
        const definition = runtime?.calls[v.name];
        if (!definition) {
          if (!options.allowMissing) problems.push(`${p.name}.${v.name} is in the metadata but not implemented`);
        }
        else this.byIndex.set(`${p.index}:${v.index}`, { pallet: p.name, name: v.name, definition });
      }
      for (const name of Object.keys(runtime?.calls ?? {})) {
        if (md.omittedCalls?.has(`${p.name}.${name}`)) continue;
        if (!variants.some((v) => v.name === name)) problems.push(`${p.name}.${name} is implemented but not in the metadata`);
      }
    }
    for (const p of pallets) {
      if (Object.keys(p.calls).length && !md.json.pallets.some((x) => x.name === p.name && x.calls)) {
        problems.push(`pallet ${p.name} has calls but none in the metadata`);
      }
    }
    if (problems.length) throw new Error(`dev chain runtime and metadata disagree:\n  ${problems.join('\n  ')}`);
  }

  resolve(call: Call): ResolvedCall | undefined {
    const [p, c] = call.callIndex;
    return this.byIndex.get(`${p}:${c}`);
  }
}
