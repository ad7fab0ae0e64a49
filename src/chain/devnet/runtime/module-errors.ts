import { u8aToHex } from '@polkadot/util';
import type { DevnetMetadata } from '../metadata/build-metadata';
import { DispatchFailure } from './dispatch-error';

/** Builds `DispatchError::Module` failures by pallet and error name, from the metadata's error enums. */
export class ModuleErrors {
  private readonly cache = new Map<string, { index: number; error: number }>();

  constructor(private readonly md: DevnetMetadata) {}

  failure(pallet: string, name: string): DispatchFailure {
    const id = `${pallet}.${name}`;
    let entry = this.cache.get(id);
    if (!entry) {
      const p = this.md.json.pallets.find((x) => x.name === pallet);
      const def = p?.errors ? this.md.json.lookup.types[p.errors.type]?.type.def : undefined;
      const variant = def && 'variant' in def ? def.variant.variants.find((v) => v.name === name) : undefined;
      if (!p || !variant) throw new Error(`error ${id} is not in the dev chain's metadata`);
      entry = { index: p.index, error: variant.index };
      this.cache.set(id, entry);
    }
    const error = u8aToHex(new Uint8Array([entry.error, 0, 0, 0])) as `0x${string}`;
    return new DispatchFailure({ Module: { index: entry.index, error } }, id);
  }
}
