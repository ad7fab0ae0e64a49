import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory per test, removed afterwards. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'pog-store-'));
    dirs.push(dir);
    return dir;
  };
}

/** Deterministic bytes of a given length, distinct per `seed`. */
export function bytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Plain Uint8Array copies, so toEqual compares contents only. */
export function plain(list: readonly Uint8Array[]): Uint8Array[] {
  return list.map((r) => Uint8Array.from(r));
}

export function plainOrNull(value: Uint8Array | null): Uint8Array | null {
  return value === null ? null : Uint8Array.from(value);
}

/** The store files in `dir` (names sorted), LOCK and temp files included. */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

export const logName = (generation: number): string => `log-${String(generation).padStart(16, '0')}.bin`;
export const snapshotName = (generation: number): string => `snapshot-${String(generation).padStart(16, '0')}.bin`;
