/**
 * Development tool: copies the facts the dev chain needs out of a real subtensor metadata
 * blob (SCALE `RuntimeMetadataPrefixed`, v16), keeping only what `selection.ts` names.
 *
 *   npm run devnet:extract-metadata -- <subtensor-metadata.scale>
 *
 * Writes src/chain/devnet/metadata/subtensor-metadata.json (the pruned metadata the dev chain
 * serves) and test/chain/devnet/fixtures/subtensor-signatures.json (each selected item rendered
 * from the original blob, which the metadata fidelity test compares against).
 * Nothing reads the blob at run time or in tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { MetadataV16Json } from '../src/chain/devnet/metadata/metadata-json';
import { metadataSignatures } from '../src/chain/devnet/metadata/signatures';
import { PALLET_SELECTION, RUNTIME_API_SELECTION } from '../src/chain/devnet/metadata/selection';
import { pruneMetadata } from './prune-metadata';

const ROOT = join(__dirname, '..', '..');

function main(): void {
  const blobPath = process.argv[2];
  if (!blobPath) {
    console.error('usage: npm run devnet:extract-metadata -- <subtensor-metadata.scale>');
    process.exit(2);
  }
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, readFileSync(blobPath));
  if (metadata.version !== 16) throw new Error(`expected metadata v16, got v${metadata.version}`);
  const source = (metadata.toJSON() as unknown as { metadata: { v16: MetadataV16Json } }).metadata.v16;

  const pruned = pruneMetadata(source, PALLET_SELECTION, RUNTIME_API_SELECTION);
  const signatures = Object.fromEntries(
    [...metadataSignatures(source)].filter(([key]) => isSelected(key)).sort(([a], [b]) => a.localeCompare(b)),
  );
  const metadataOut = join(ROOT, 'src/chain/devnet/metadata/subtensor-metadata.json');
  const signaturesOut = join(ROOT, 'test/chain/devnet/fixtures/subtensor-signatures.json');
  writeFileSync(metadataOut, JSON.stringify(pruned) + '\n');
  writeFileSync(signaturesOut, JSON.stringify(signatures, null, 1) + '\n');
  console.log(`${metadataOut}: ${pruned.pallets.length} pallets, ${pruned.lookup.types.length} types`);
  console.log(`${signaturesOut}: ${Object.keys(signatures).length} signatures`);
}

function isSelected(key: string): boolean {
  if (key === 'extrinsic') return true;
  const [head, kind, name] = key.split('.') as [string, string, string];
  if (head === 'api') return RUNTIME_API_SELECTION[kind]?.includes(name) ?? false;
  const pallet = PALLET_SELECTION[head];
  if (!pallet) return false;
  if (kind === 'errors') return pallet.errors === true;
  const list = pallet[kind as 'calls' | 'storage' | 'events' | 'constants'];
  return list?.includes(name) ?? false;
}

main();
