/**
 * The one small interface the gateway's state goes through, with two implementations: an
 * embedded SQLite file (better-sqlite3, nothing to install) and a PostgreSQL server (several
 * gateways sharing one state). SQL is written once in the subset both accept: `?` placeholders
 * (rewritten to `$n` for PostgreSQL), `INSERT … ON CONFLICT DO NOTHING`, `RETURNING`,
 * integers as BIGINT. Integer columns come back as `bigint` from both.
 */
export type SqlValue = string | bigint | number | null | Uint8Array;
export type Row = Record<string, unknown>;

/** What a statement can be run against: the database itself or an open transaction. */
export interface Queryable {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Database extends Queryable {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Every credit movement goes through here, so a crash leaves all of a movement or none.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The first row, or undefined. */
export async function one<T extends Row = Row>(q: Queryable, sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
  return (await q.all<T>(sql, params))[0];
}

/** An integer column as bigint, whichever driver produced it. */
export function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
}

/** A nullable integer column as bigint or null. */
export function bigOrNull(value: unknown): bigint | null {
  return value === null || value === undefined ? null : big(value);
}
