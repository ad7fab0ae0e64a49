import { createHash } from 'node:crypto';
import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerEntrySchema, type JournalLine, type LedgerEntry } from './entries';
import { LedgerCorruptError } from './errors';

export const JOURNAL_FILE = 'journal.jsonl';

/**
 * The append-only journal: one entry per line, `<checksum> <json>\n`, where the checksum is
 * the first 16 hex digits of the SHA-256 of the JSON text and the JSON is `{"seq":n,"entry":…}`
 * with `seq` counting lines from 1. Every append is written in one call and fdatasync'd before
 * it returns, so an entry the caller saw appended survives a crash or power loss.
 */
export function lineChecksum(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 16);
}

export function formatLine(line: JournalLine): string {
  const body = JSON.stringify({ seq: line.seq, entry: line.entry });
  return `${lineChecksum(body)} ${body}\n`;
}

export interface JournalReadResult {
  readonly lines: JournalLine[];
  /** Bytes cut from the end: a torn last line left by a crash during an append (0 when none). */
  readonly truncatedBytes: number;
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Parses one complete line; throws LedgerCorruptError naming the file and line. */
function parseLine(file: string, lineNo: number, text: string): JournalLine {
  const space = text.indexOf(' ');
  if (space !== 16) throw new LedgerCorruptError(file, lineNo, 'no checksum at the start of the line');
  const sum = text.slice(0, space);
  const body = text.slice(space + 1);
  if (lineChecksum(body) !== sum) throw new LedgerCorruptError(file, lineNo, 'checksum mismatch');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw new LedgerCorruptError(file, lineNo, `not JSON: ${(error as Error).message}`);
  }
  const { seq, entry } = (raw ?? {}) as { seq?: unknown; entry?: unknown };
  if (seq !== lineNo) throw new LedgerCorruptError(file, lineNo, `sequence number ${String(seq)} where ${lineNo} was expected`);
  const parsed = ledgerEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LedgerCorruptError(file, lineNo, `not a ledger entry (${issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid'})`);
  }
  return { seq: lineNo, entry: parsed.data };
}

/**
 * Reads the journal. An incomplete last line (no newline: the write was cut short) and NUL
 * bytes at the end (a file extended but not written) are a torn append; they are cut off the
 * file (unless `repair: false`) and reported in `truncatedBytes`. A damaged line before that is LedgerCorruptError.
 */
export function readJournal(dir: string, options: { readonly repair?: boolean } = {}): JournalReadResult {
  const file = join(dir, JOURNAL_FILE);
  if (!existsSync(file)) return { lines: [], truncatedBytes: 0 };
  const data = readFileSync(file);
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  const lastNewline = data.lastIndexOf(0x0a, end - 1);
  const keep = lastNewline + 1; // 0 when there is no complete line
  const truncatedBytes = data.length - keep;
  const text = data.subarray(0, keep).toString('utf8');
  const rows = text === '' ? [] : text.slice(0, -1).split('\n');
  const lines = rows.map((row, i) => parseLine(file, i + 1, row));
  if (truncatedBytes > 0 && options.repair !== false) {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, keep);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return { lines, truncatedBytes };
}

/** An open journal that appends durably. */
export class JournalWriter {
  readonly file: string;
  #fd: number | null;
  #seq: number;
  #size: number;

  constructor(dir: string, lastSeq: number) {
    this.file = join(dir, JOURNAL_FILE);
    const created = !existsSync(this.file);
    this.#fd = openSync(this.file, 'a');
    if (created) syncDir(dir);
    this.#size = fstatSync(this.#fd).size;
    this.#seq = lastSeq;
  }

  get lastSeq(): number {
    return this.#seq;
  }

  /** Appends one entry and returns once it is on disk. */
  append(entry: LedgerEntry): JournalLine {
    if (this.#fd === null) throw new Error(`ledger journal ${this.file} is closed`);
    const line: JournalLine = { seq: this.#seq + 1, entry };
    const bytes = Buffer.from(formatLine(line), 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.#fd, bytes, written, bytes.length - written);
      fdatasyncSync(this.#fd);
    } catch (error) {
      // A failed write (disk full) must not leave half a line for the next append to follow.
      try {
        ftruncateSync(this.#fd, this.#size);
      } catch {
        // the torn line is cut on the next open
      }
      throw error;
    }
    this.#size += bytes.length;
    this.#seq = line.seq;
    return line;
  }

  close(): void {
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }
}
