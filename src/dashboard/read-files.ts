import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../base';
import { EVIDENCE_DIR, STATE_FILE, validatorStateSchema, type ValidatorState } from '../records';

/**
 * Read-only readers of the validator's state directory. They never write, rename or delete
 * anything there (unlike `readDurableJson`, which removes a leftover `.tmp` file: next to a
 * running validator that could be its write in progress).
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The body of a file written by `writeDurableJson`, checked against its checksum; throws on a bad file. */
export function parseDurableText(path: string, text: string): unknown {
  let parsed: { checksum?: unknown; body?: unknown };
  try {
    parsed = JSON.parse(text) as { checksum?: unknown; body?: unknown };
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.checksum !== 'string' || !('body' in parsed)) throw new Error(`${path} is not a checksummed JSON file`);
  if (sha256(canonicalJson(parsed.body, { nonFinite: 'null' })) !== parsed.checksum) throw new Error(`${path} fails its checksum`);
  return parsed.body;
}

/** `<stateDir>/state.json`, or undefined when there is none. */
export function readValidatorState(stateDir: string): ValidatorState | undefined {
  const path = join(stateDir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = validatorStateSchema.safeParse(parseDurableText(path, text));
  if (!parsed.success) throw new Error(`${path} does not hold a valid validator state`);
  return parsed.data;
}

/** One miner's result in a round, as the dashboard uses it (from either evidence format). */
export interface RoundResult {
  readonly uid: number;
  readonly hotkey: string;
  readonly tflops: number;
  readonly class: string | null;
  readonly outcome: string;
  readonly code: string;
  /** The verifier's or exchange's line; only in local files that keep the full results. */
  readonly reason: string | null;
}

/** One round's evidence file, reduced to what the dashboard shows. */
export interface RoundEvidence {
  readonly round: number;
  readonly netuid: number;
  readonly validator: string;
  readonly block: number;
  readonly startedAtMs: number;
  /** Sorted by uid. */
  readonly results: readonly RoundResult[];
}

export interface EvidenceRead {
  /** Oldest round first. */
  readonly documents: RoundEvidence[];
  readonly errors: string[];
}

const EVIDENCE_FILE = /^round-\d{8,}\.json$/;

const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

function toResult(raw: unknown): RoundResult | null {
  const r = raw as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || typeof r.uid !== 'number') return null;
  return { uid: r.uid, hotkey: str(r.hotkey) ?? '', tflops: num(r.tflops), class: str(r.class), outcome: str(r.outcome) ?? 'unknown', code: str(r.code) ?? '', reason: str(r.reason) };
}

/**
 * `{ digest, document, results? }` as `keepEvidence` writes it: the document's results (v1: full
 * results; v2: compact entries) or, where the file keeps them, the round's full results.
 */
export function roundEvidenceOf(path: string, body: unknown): RoundEvidence {
  const b = body as { document?: Record<string, unknown>; results?: unknown } | null;
  const d = b?.document;
  if (!d || d.kind !== 'pog-validator-evidence' || typeof d.round !== 'number' || !Array.isArray(d.results)) throw new Error(`${path} does not hold validator evidence`);
  const rawResults = Array.isArray(b.results) ? b.results : d.results;
  const results = rawResults.map(toResult).filter((r): r is RoundResult => r !== null).sort((x, y) => x.uid - y.uid);
  return { round: d.round, netuid: num(d.netuid), validator: str(d.validator) ?? '', block: num(d.block), startedAtMs: num(d.startedAtMs), results };
}

/**
 * Reads the newest `maxRounds` evidence files of `<stateDir>/evidence/`, oldest first. Parsed
 * files are cached by name, size and mtime, so a refresh only reads what changed.
 */
export class EvidenceReader {
  readonly #cache = new Map<string, { key: string; document: RoundEvidence }>();

  constructor(
    readonly stateDir: string,
    readonly maxRounds: number,
  ) {}

  read(): EvidenceRead {
    const dir = join(this.stateDir, EVIDENCE_DIR);
    let names: string[];
    try {
      names = readdirSync(dir).filter((f) => EVIDENCE_FILE.test(f)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { documents: [], errors: [] };
      throw error;
    }
    names = names.slice(Math.max(0, names.length - this.maxRounds));
    const documents: RoundEvidence[] = [];
    const errors: string[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      seen.add(name);
      const path = join(dir, name);
      try {
        const st = statSync(path);
        const key = `${st.size}:${st.mtimeMs}`;
        const cached = this.#cache.get(name);
        if (cached && cached.key === key) {
          documents.push(cached.document);
          continue;
        }
        const document = roundEvidenceOf(path, parseDurableText(path, readFileSync(path, 'utf8')));
        this.#cache.set(name, { key, document });
        documents.push(document);
      } catch (error) {
        // Pruned between the listing and the read: not an error.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') errors.push((error as Error).message);
      }
    }
    for (const name of this.#cache.keys()) if (!seen.has(name)) this.#cache.delete(name);
    documents.sort((a, b) => a.round - b.round);
    return { documents, errors };
  }
}
