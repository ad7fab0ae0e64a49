import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { WorkloadParams } from '../pog';
import { canonicalJson } from '../base';
import { writeDurableJson } from './durable-file';
import type { MinerResult, ResultOutcome } from './miner-result';

export const EVIDENCE_DIR = 'evidence';
export const EVIDENCE_KIND = 'pog-evidence';
export const EVIDENCE_VERSION = 2;
/** Most bytes of canonical evidence JSON published on chain or accepted by a reader (256 miners fit in about half). */
export const MAX_EVIDENCE_BYTES = 64 * 1024;
/** Longest result code kept in the evidence (longer ones are cut). */
export const MAX_EVIDENCE_CODE = 48;

/** One miner's line of the published evidence: what anyone reading the chain sees. */
export interface EvidenceEntry {
  readonly uid: number;
  readonly hotkey: string;
  /** Validator-measured TFLOP/s, 6 significant digits (0 when nothing was verified). */
  readonly tflops: number;
  /** Catalogue class of the verified throughput; null when nothing was verified. */
  readonly class: string | null;
  readonly outcome: ResultOutcome;
  /** `verified`, a verifier failure (`row-mismatch`, …) or an exchange code (`timeout`, …). */
  readonly code: string;
}

/** One epoch's evidence as the validator keeps it locally: every miner's full result. */
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

/**
 * One epoch's evidence as published on chain (`system.remark_with_event`, canonical JSON):
 * compact and bounded, per miner uid, hotkey, throughput, class, outcome and code. The full
 * results (reasons, roots, timings) stay in the local evidence file.
 */
export interface ChainEvidence {
  readonly kind: typeof EVIDENCE_KIND;
  readonly version: typeof EVIDENCE_VERSION;
  readonly netuid: number;
  readonly validator: string;
  readonly round: number;
  /** The chain block the metagraph was read at. */
  readonly block: number;
  readonly startedAtMs: number;
  readonly params: WorkloadParams;
  /** Sorted by uid. */
  readonly results: readonly EvidenceEntry[];
}

/** x to 6 significant digits (finite, non-negative; anything else 0). */
export function roundTflops(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  return Number(x.toPrecision(6));
}

export function evidenceEntry(r: MinerResult): EvidenceEntry {
  return { uid: r.uid, hotkey: r.hotkey, tflops: roundTflops(r.tflops), class: r.class, outcome: r.outcome, code: r.code.slice(0, MAX_EVIDENCE_CODE) };
}

/** blake2-256 of the document's canonical JSON (sorted keys, no whitespace), as bytes and 0x-hex. */
export function evidenceDigest(document: ChainEvidence | EvidenceDocument): { digest: Uint8Array; hex: string; canonical: string; bytes: Uint8Array } {
  const canonical = canonicalJson(document, { nonFinite: 'null' });
  const bytes = new TextEncoder().encode(canonical);
  const digest = blake2AsU8a(bytes, 256);
  return { digest, hex: `0x${Buffer.from(digest).toString('hex')}`, canonical, bytes };
}

export function buildEvidence(input: Omit<EvidenceDocument, 'kind' | 'version' | 'results'> & { results: readonly MinerResult[] }): EvidenceDocument {
  return { kind: 'pog-validator-evidence', version: 1, ...input, results: [...input.results].sort((a, b) => a.uid - b.uid) };
}

/** The compact document published on chain for a round's full evidence. */
export function chainEvidence(document: EvidenceDocument): ChainEvidence {
  const results = [...document.results].sort((a, b) => a.uid - b.uid).map(evidenceEntry);
  return { kind: EVIDENCE_KIND, version: EVIDENCE_VERSION, netuid: document.netuid, validator: document.validator, round: document.round, block: document.block, startedAtMs: document.startedAtMs, params: document.params, results };
}

/**
 * Keeps the document in `<stateDir>/evidence/round-<n>.json` (written durably, with the digest
 * and, when given, the compact document published on chain that the digest covers), pruning to
 * the newest `keep`. Returns the file name.
 */
export function keepEvidence(stateDir: string, document: EvidenceDocument, digestHex: string, keep: number, published?: ChainEvidence): string {
  const dir = join(stateDir, EVIDENCE_DIR);
  mkdirSync(dir, { recursive: true });
  const file = `round-${String(document.round).padStart(8, '0')}.json`;
  writeDurableJson(join(dir, file), published ? { digest: digestHex, document, published } : { digest: digestHex, document });
  const files = readdirSync(dir)
    .filter((f) => /^round-\d{8,}\.json$/.test(f))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep))) unlinkSync(join(dir, old));
  return file;
}
