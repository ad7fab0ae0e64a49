import pg from 'pg';
import type { Database, Queryable, Row, SqlValue } from './database';

/** `?` → `$1, $2, …` (the gateway's SQL never has a `?` inside a literal). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (typeof p === 'bigint' ? p.toString() : p instanceof Uint8Array ? Buffer.from(p) : p));
}

// int8 (BIGINT) as bigint rather than pg's default string, so both databases give the same rows.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const result = await client.query({ text: toPostgresPlaceholders(sql), values: bind(params), types: types as pg.CustomTypesConfig });
      return result.rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const result = await client.query({ text: toPostgresPlaceholders(sql), values: bind(params), types: types as pg.CustomTypesConfig });
      return result.rowCount ?? 0;
    },
  };
}

/**
 * A PostgreSQL server shared by several gateways. Transactions are READ COMMITTED; every
 * balance change is a conditional UPDATE (`… WHERE available >= ?`) and every once-only
 * movement a unique key, so concurrent gateways cannot overdraw or double-credit.
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #q: Queryable;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.#pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client losing its server connection must not crash the process.
    this.#pool.on('error', () => undefined);
    this.#q = queryable(this.#pool);
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#q.all<T>(sql, params);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#q.run(sql, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
