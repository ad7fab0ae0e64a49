import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { WorkloadParams } from '../pog';
import { canonicalJson } from './canonical-json';
import { writeDurableJson } from './durable-file';
import type { MinerResult } from './miner-result';

export const EVIDENCE_DIR = 'evidence';

/** One epoch's evidence: what every miner was asked, what it answered and what the validator concluded. */
export interface EvidenceDocument {
  readonly kind: 'pog-validator-evidence';
  readonly version: 1;
  readonly netuid: number;
  readonly validator: string;
  readonly round: number;
  /** The chain block the metagraph was read at. */
  readonly block: number;
  readonly startedAtMs: number;
  readonly params: WorkloadParams;
  /** Per miner, by uid: throughput, class, pass/fail and reason, commitment root. */
  readonly results: readonly MinerResult[];
}

/** blake2-256 of the document's canonical JSON (sorted keys, no whitespace), as 0x-hex. */
export function evidenceDigest(document: EvidenceDocument): { digest: Uint8Array; hex: string; canonical: string } {
  const canonical = canonicalJson(document);
  const digest = blake2AsU8a(new TextEncoder().encode(canonical), 256);
  return { digest, hex: `0x${Buffer.from(digest).toString('hex')}`, canonical };
}

export function buildEvidence(input: Omit<EvidenceDocument, 'kind' | 'version' | 'results'> & { results: readonly MinerResult[] }): EvidenceDocument {
  return { kind: 'pog-validator-evidence', version: 1, ...input, results: [...input.results].sort((a, b) => a.uid - b.uid) };
}

/**
 * Keeps the document in `<stateDir>/evidence/round-<n>.json` (written durably, with its digest),
 * pruning to the newest `keep`. Returns the file name.
 */
export function keepEvidence(stateDir: string, document: EvidenceDocument, digestHex: string, keep: number): string {
  const dir = join(stateDir, EVIDENCE_DIR);
  mkdirSync(dir, { recursive: true });
  const file = `round-${String(document.round).padStart(8, '0')}.json`;
  writeDurableJson(join(dir, file), { digest: digestHex, document });
  const files = readdirSync(dir)
    .filter((f) => /^round-\d{8,}\.json$/.test(f))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep))) unlinkSync(join(dir, old));
  return file;
}
