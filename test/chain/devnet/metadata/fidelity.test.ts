import { Metadata, TypeRegistry } from '@polkadot/types';
import { buildDevnetMetadata, devnetMetadataJson } from '../../../../src/chain/devnet/metadata/build-metadata';
import type { MetadataV16Json } from '../../../../src/chain/devnet/metadata/metadata-json';
import { PALLET_SELECTION, RUNTIME_API_SELECTION } from '../../../../src/chain/devnet/metadata/selection';
import { metadataSignatures } from '../../../../src/chain/devnet/metadata/signatures';
import { devnetRuntimeVersion } from '../../../../src/chain/devnet/runtime/runtime-version';
import subtensorSignatures from '../fixtures/subtensor-signatures.json';

/**
 * The fixture was rendered from a real subtensor metadata blob (spec 423 lineage) by
 * `npm run devnet:extract-metadata`; here the metadata the dev chain actually serves is
 * decoded the way a client decodes it and rendered the same way.
 */
function servedSignatures(): Map<string, string> {
  const json = devnetMetadataJson();
  const { hex } = buildDevnetMetadata(devnetRuntimeVersion(json), json);
  const decoded = new Metadata(new TypeRegistry(), hex);
  expect(decoded.version).toBe(16);
  return metadataSignatures((decoded.toJSON() as unknown as { metadata: { v16: MetadataV16Json } }).metadata.v16);
}

describe('dev chain metadata fidelity', () => {
  const expected = new Map(Object.entries(subtensorSignatures as Record<string, string>));
  const served = servedSignatures();

  it('serves every selected item with subtensor indexes, names and types', () => {
    const mismatches = [...expected].filter(([key, sig]) => served.get(key) !== sig).map(([key]) => key);
    expect(mismatches).toEqual([]);
  });

  it('serves nothing beyond the copied facts', () => {
    expect([...served.keys()].filter((k) => !expected.has(k))).toEqual([]);
  });

  it('covers everything the selection names', () => {
    for (const [pallet, sel] of Object.entries(PALLET_SELECTION)) {
      for (const kind of ['calls', 'storage', 'events', 'constants'] as const) {
        for (const name of sel[kind] ?? []) expect(expected.has(`${pallet}.${kind}.${name}`)).toBe(true);
      }
    }
    for (const [api, methods] of Object.entries(RUNTIME_API_SELECTION)) {
      for (const m of methods) expect(expected.has(`api.${api}.${m}`)).toBe(true);
    }
  });

  it('keeps subtensor pallet indexes and the call indexes the project relies on', () => {
    const pick = (k: string) => expected.get(k) ?? '';
    expect(pick('SubtensorModule.calls.set_weights')).toMatch(/^SubtensorModule#7 calls set_weights#0\(netuid: u16, dests: Vec<u16>, weights: Vec<u16>, version_key: u64\)$/);
    expect(pick('SubtensorModule.calls.add_stake_burn')).toMatch(/add_stake_burn#132\(/);
    expect(pick('SubtensorModule.calls.register_network')).toMatch(/register_network#59\(hotkey: /);
    expect(pick('Commitments.calls.set_commitment')).toMatch(/^Commitments#18 calls set_commitment#0\(/);
    expect(pick('AdminUtils.calls.sudo_set_tempo')).toMatch(/^AdminUtils#19 calls sudo_set_tempo#30\(netuid: u16, tempo: u16\)$/);
    expect(pick('Sudo.calls.sudo')).toMatch(/^Sudo#12 calls sudo#0\(/);
  });

  it('a corrupted copy is caught', () => {
    const json = devnetMetadataJson();
    const subtensor = json.pallets.find((p) => p.name === 'SubtensorModule')!;
    subtensor.index = 8;
    const { hex } = buildDevnetMetadata(devnetRuntimeVersion(json), json);
    const decoded = new Metadata(new TypeRegistry(), hex);
    const sigs = metadataSignatures((decoded.toJSON() as unknown as { metadata: { v16: MetadataV16Json } }).metadata.v16);
    expect(sigs.get('SubtensorModule.calls.set_weights')).not.toBe(expected.get('SubtensorModule.calls.set_weights'));
  });
});
