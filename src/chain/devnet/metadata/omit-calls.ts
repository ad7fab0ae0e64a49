import type { MetadataV16Json } from './metadata-json';

/**
 * Calls dropped from the served metadata (and so from the call table), to run the dev chain
 * as an older subtensor runtime that lacks them: e.g. `SubtensorModule.add_stake_burn`, which
 * spec 293 does not have. Names are `Pallet.call_name`, as in the metadata.
 */
export class UnknownCallError extends Error {
  constructor(readonly call: string) {
    super(`no call ${call} in the dev chain's metadata (write it as Pallet.call_name, e.g. SubtensorModule.add_stake_burn)`);
    this.name = 'UnknownCallError';
  }
}

/** Removes each `Pallet.call` from `json` in place; throws UnknownCallError for a name that is not there. */
export function omitCalls(json: MetadataV16Json, calls: readonly string[]): ReadonlySet<string> {
  for (const name of calls) {
    const [pallet, call] = name.split('.');
    const p = json.pallets.find((x) => x.name === pallet);
    const def = p?.calls ? json.lookup.types[p.calls.type]?.type.def : undefined;
    const variants = def && 'variant' in def ? def.variant.variants : null;
    const at = variants ? variants.findIndex((v) => v.name === call) : -1;
    if (!variants || at < 0) throw new UnknownCallError(name);
    variants.splice(at, 1);
  }
  return new Set(calls);
}
