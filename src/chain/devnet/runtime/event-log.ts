import { compactToU8a, u8aConcat, u8aToU8a } from '@polkadot/util';
import type { DevnetMetadata } from '../metadata/build-metadata';
import { metadataCache } from '../metadata/metadata-cache';

/** Each event's pallet index, variant index and field types, worked out from the metadata once. */
const eventVariants = metadataCache<{ palletIndex: number; index: number; fieldTypes: string[] }>();

/** When an event happened, as `frame_system::Phase`. */
export type Phase = { readonly applyExtrinsic: number } | 'finalization' | 'initialization';

/**
 * Collects a block's events and encodes them as `Vec<EventRecord>` for `System.Events`,
 * with each event's fields encoded by the type the metadata gives them.
 */
export class EventLog {
  private readonly records: Uint8Array[] = [];

  constructor(private readonly md: DevnetMetadata) {}

  get count(): number {
    return this.records.length;
  }

  /** `fields` in declaration order (subtensor's events are mostly unnamed tuples). */
  emit(phase: Phase, pallet: string, event: string, fields: readonly unknown[]): void {
    const v = this.variant(pallet, event);
    if (fields.length !== v.fieldTypes.length) {
      throw new Error(`${pallet}.${event} has ${v.fieldTypes.length} fields, got ${fields.length}`);
    }
    const encodedFields = fields.map((f, i) => this.md.registry.createType(v.fieldTypes[i]!, f).toU8a());
    this.records.push(
      u8aConcat(encodePhase(phase), new Uint8Array([v.palletIndex, v.index]), ...encodedFields, compactToU8a(0)),
    );
  }

  /** Drops the events after the first `count`: a failed call's own events go with its state changes. */
  truncate(count: number): void {
    this.records.length = Math.min(this.records.length, count);
  }

  /** The SCALE `Vec<EventRecord>`. */
  encode(): Uint8Array {
    return u8aConcat(compactToU8a(this.records.length), ...this.records);
  }

  private variant(pallet: string, event: string) {
    const id = `${pallet}.${event}`;
    const variants = eventVariants(this.md);
    const cached = variants.get(id);
    if (cached) return cached;
    const p = this.md.json.pallets.find((x) => x.name === pallet);
    const def = p?.events ? this.md.json.lookup.types[p.events.type]?.type.def : undefined;
    const variant = def && 'variant' in def ? def.variant.variants.find((x) => x.name === event) : undefined;
    if (!p || !variant) throw new Error(`event ${id} is not in the dev chain's metadata`);
    const entry = {
      palletIndex: p.index,
      index: variant.index,
      fieldTypes: variant.fields.map((f) => this.md.registry.createLookupType(f.type)),
    };
    variants.set(id, entry);
    return entry;
  }
}

function encodePhase(phase: Phase): Uint8Array {
  if (phase === 'finalization') return new Uint8Array([1]);
  if (phase === 'initialization') return new Uint8Array([2]);
  const index = new Uint8Array(4);
  new DataView(index.buffer).setUint32(0, phase.applyExtrinsic, true);
  return u8aConcat(new Uint8Array([0]), u8aToU8a(index));
}
