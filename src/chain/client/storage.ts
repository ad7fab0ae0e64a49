import type { ApiDecoration, QueryableStorageEntry } from '@polkadot/api/types';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { camelCase } from './calls';
import { UnsupportedByNodeError } from './errors';

type Queryable = ApiPromise | ApiDecoration<'promise'>;
export type StorageEntry = QueryableStorageEntry<'promise'>;

/** The node's storage item `section.item` (camelCase or PascalCase), or undefined when it has none. */
export function findStorage(api: Queryable, section: string, item: string): StorageEntry | undefined {
  const name = camelCase(item.charAt(0).toLowerCase() + item.slice(1));
  return (api.query as unknown as Record<string, Record<string, StorageEntry> | undefined>)[camelCase(section)]?.[name];
}

/** Like {@link findStorage}, but an {@link UnsupportedByNodeError} when the node has no such item. */
export function storage(api: Queryable, section: string, item: string): StorageEntry {
  const entry = findStorage(api, section, item);
  if (!entry) throw new UnsupportedByNodeError(`the connected node has no ${camelCase(section)}.${item} storage`);
  return entry;
}

/** An Option's inner value or null; other codecs as they are. */
export function unwrap(c: Codec): Codec | null {
  const o = c as unknown as { isNone?: boolean; isSome?: boolean; unwrap?: () => Codec };
  if (typeof o.isNone === 'boolean' && typeof o.unwrap === 'function') return o.isNone ? null : o.unwrap();
  return c;
}

export function toNumber(c: Codec | null | undefined): number {
  if (!c) return 0;
  const v = unwrap(c);
  return v === null ? 0 : Number(v.toString());
}

export function toBigInt(c: Codec | null | undefined): bigint {
  if (!c) return 0n;
  const v = unwrap(c);
  return v === null ? 0n : BigInt(v.toString());
}

export function toBool(c: Codec | null | undefined): boolean {
  if (!c) return false;
  const v = unwrap(c);
  return v !== null && v.toJSON() === true;
}

/** A `Vec<…>` codec as an array of codecs. */
export function toArray(c: Codec | null | undefined): Codec[] {
  if (!c) return [];
  const v = unwrap(c) as unknown as { toArray?: () => Codec[] } | null;
  return v?.toArray ? v.toArray() : [];
}

/** The current best block number. */
export async function headNumber(api: ApiPromise): Promise<number> {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** One storage read for {@link readMulti}: the entry and its keys (none for a plain item). */
export type StorageRead = readonly [StorageEntry, ...unknown[]];

/**
 * Reads several storage items in one `state_queryStorageAt` request at a fixed block, so the
 * values are consistent with each other.
 */
export async function readMulti(api: ApiDecoration<'promise'>, reads: readonly StorageRead[]): Promise<Codec[]> {
  if (reads.length === 0) return [];
  // polkadot-js takes [entry, key] for a one-key map and [entry, [key1, key2, …]] for the others.
  const calls = reads.map(([entry, ...keys]) => (keys.length === 0 ? entry : keys.length === 1 ? [entry, keys[0]] : [entry, keys]));
  return (await (api.queryMulti as unknown as (c: unknown[]) => Promise<Codec[]>)(calls)) as Codec[];
}

/** The best block's hash and number, and the API decorated at it. */
export async function atHead(api: ApiPromise): Promise<{ hash: string; number: number; at: ApiDecoration<'promise'> }> {
  const header = await api.rpc.chain.getHeader();
  const hash = header.hash.toHex();
  return { hash, number: header.number.toNumber(), at: await api.at(hash) };
}
