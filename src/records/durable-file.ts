import { createHash } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { canonicalJson, writeFileDurably } from '../base';
import { StateCorruptError } from './errors';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Writes `value` so that a crash (`kill -9`, power loss) at any moment leaves either the old
 * file or the new one, never a mix: write a temp file with a SHA-256 checksum of its body,
 * fsync it, rename it over the target, fsync the directory.
 */
export function writeDurableJson(path: string, value: unknown): void {
  const body = canonicalJson(value, { nonFinite: 'null' });
  writeFileDurably(path, `{"checksum":"${sha256(body)}","body":${body}}\n`);
}

/** Reads a file written by writeDurableJson; undefined when absent; StateCorruptError when it does not parse or check. */
export function readDurableJson(path: string): unknown {
  if (existsSync(`${path}.tmp`)) {
    // A write that never reached its rename: the target still holds the last committed state.
    try {
      unlinkSync(`${path}.tmp`);
    } catch {
      /* best effort */
    }
  }
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let parsed: { checksum?: unknown; body?: unknown };
  try {
    parsed = JSON.parse(text) as { checksum?: unknown; body?: unknown };
  } catch {
    throw new StateCorruptError(`${path} is not valid JSON; move it away to start with no history`, { path });
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.checksum !== 'string' || !('body' in parsed)) {
    throw new StateCorruptError(`${path} is not a validator state file`, { path });
  }
  if (sha256(canonicalJson(parsed.body, { nonFinite: 'null' })) !== parsed.checksum) {
    throw new StateCorruptError(`${path} fails its checksum; move it away to start with no history`, { path });
  }
  return parsed.body;
}
