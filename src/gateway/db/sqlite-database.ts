import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable, Row, SqlValue } from './database';

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (p instanceof Uint8Array ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
}

/**
 * The embedded database: one SQLite file in WAL mode with synchronous=FULL (a committed
 * movement survives a power cut). better-sqlite3 is synchronous, so one connection serves
 * everything; a promise chain keeps a transaction's awaits from interleaving with other callers.
 */
export class SqliteDatabase implements Database {
  readonly kind = 'sqlite' as const;
  readonly #db: BetterSqlite3.Database;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.#db = new BetterSqlite3(file);
    this.#db.defaultSafeIntegers(true);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
  }

  #raw(): Queryable {
    const db = this.#db;
    return {
      async all<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
        return db.prepare(sql).all(...bind(params)) as T[];
      },
      async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
        const statement = db.prepare(sql);
        // RETURNING makes a statement a reader in better-sqlite3's eyes.
        if (statement.reader) return statement.all(...bind(params)).length;
        return statement.run(...bind(params)).changes;
      },
    };
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(fn, fn);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#serial(() => this.#raw().all<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#serial(() => this.#raw().run(sql, params));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.#raw());
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.#tail;
    this.#db.close();
  }
}
