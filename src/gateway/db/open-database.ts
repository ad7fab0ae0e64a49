import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidRequestError } from '../errors';
import type { Database } from './database';
import { migrate } from './migrations';
import { PostgresDatabase } from './postgres-database';
import { SqliteDatabase } from './sqlite-database';

/** The embedded database's file inside the gateway's data directory. */
export const SQLITE_FILE = 'gateway.sqlite';

export interface OpenDatabaseOptions {
  /** `postgres://…` / `postgresql://…` for a server; otherwise the embedded file in `dataDir`. */
  readonly url?: string | undefined;
  readonly dataDir: string;
}

/** Opens the gateway's database (migrated to the current schema). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let db: Database;
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url)) throw new InvalidRequestError('--database takes a postgres:// or postgresql:// URL (leave it out for the embedded database)');
    db = new PostgresDatabase(options.url);
  } else {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    db = new SqliteDatabase(join(options.dataDir, SQLITE_FILE));
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
