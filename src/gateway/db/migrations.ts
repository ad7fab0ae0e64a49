import { DatabaseError } from '../errors';
import { big, type Database } from './database';

type Dialect = Database['kind'];

/** One schema step. Steps are append-only: a released step is never edited, only followed. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (dialect: Dialect) => string[];
}

const blob = (d: Dialect) => (d === 'postgres' ? 'BYTEA' : 'BLOB');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, keys, credit entries, holds, payments',
    statements: () => [
      `CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        deposit_address TEXT NOT NULL UNIQUE,
        available BIGINT NOT NULL DEFAULT 0 CHECK (available >= 0),
        held BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0),
        created_ms BIGINT NOT NULL
      )`,
      `CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        secret_hash TEXT NOT NULL,
        scopes TEXT NOT NULL,
        label TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        revoked_ms BIGINT
      )`,
      // Every movement of credit, append-only. (kind, ref) is unique: a deposit, a hold, a charge
      // or a release happens once per reference, whoever retries it.
      `CREATE TABLE credit_entries (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        kind TEXT NOT NULL CHECK (kind IN ('deposit_tao', 'deposit_fiat', 'hold', 'charge', 'release')),
        amount BIGINT NOT NULL CHECK (amount > 0),
        ref TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        UNIQUE (kind, ref)
      )`,
      `CREATE INDEX credit_entries_account ON credit_entries (account_id, created_ms)`,
      `CREATE TABLE holds (
        ref TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        amount BIGINT NOT NULL CHECK (amount > 0),
        state TEXT NOT NULL CHECK (state IN ('held', 'charged', 'released')),
        reason TEXT,
        created_ms BIGINT NOT NULL,
        settled_ms BIGINT
      )`,
      `CREATE TABLE tao_deposits (
        block_number BIGINT NOT NULL,
        extrinsic_index BIGINT NOT NULL,
        event_index BIGINT NOT NULL,
        block_hash TEXT NOT NULL,
        from_address TEXT NOT NULL,
        to_address TEXT NOT NULL,
        amount BIGINT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        credited_ms BIGINT NOT NULL,
        PRIMARY KEY (block_number, extrinsic_index, event_index)
      )`,
      `CREATE TABLE fiat_events (
        event_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        outcome TEXT NOT NULL,
        account_id TEXT REFERENCES accounts(id),
        amount_minor BIGINT,
        currency TEXT,
        units_per_minor BIGINT,
        credited BIGINT,
        received_ms BIGINT NOT NULL
      )`,
      `CREATE TABLE chain_cursors (
        name TEXT PRIMARY KEY,
        block_number BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'models addressed by SHA-256',
    statements: (d) => [
      `CREATE TABLE models (
        hash TEXT PRIMARY KEY,
        bytes BIGINT NOT NULL,
        data ${blob(d)} NOT NULL,
        operators TEXT NOT NULL,
        parameters BIGINT NOT NULL,
        inputs TEXT NOT NULL,
        outputs TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        created_ms BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'jobs',
    statements: (d) => [
      `CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        model_hash TEXT NOT NULL REFERENCES models(hash),
        inputs ${blob(d)} NOT NULL,
        input_hash TEXT NOT NULL,
        min_class TEXT NOT NULL,
        verification TEXT NOT NULL CHECK (verification IN ('none', 'spot', 'redundant')),
        max_price BIGINT NOT NULL,
        price BIGINT NOT NULL,
        deadline_ms BIGINT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'assigned', 'running', 'done', 'failed')),
        reason TEXT,
        miner TEXT,
        attempts BIGINT NOT NULL DEFAULT 0,
        created_ms BIGINT NOT NULL,
        updated_ms BIGINT NOT NULL
      )`,
      `CREATE INDEX jobs_open ON jobs (state, deadline_ms)`,
      `CREATE INDEX jobs_account ON jobs (account_id, created_ms)`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings the schema up to {@link SCHEMA_VERSION}, each step in its own transaction with its
 * version row, so a crash mid-way leaves a whole step or none. Several gateways starting at
 * once on PostgreSQL take an advisory lock; SQLite's `BEGIN IMMEDIATE` already serialises.
 * Refuses a database whose schema is newer than this build.
 */
export async function migrate(db: Database): Promise<{ from: number; to: number }> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)');
  const current = async (q: Pick<Database, 'all'>) => {
    const rows = await q.all<{ v: unknown }>('SELECT MAX(version) AS v FROM schema_migrations');
    return rows[0]?.v === null || rows[0]?.v === undefined ? 0 : Number(big(rows[0].v));
  };
  const from = await current(db);
  if (from > SCHEMA_VERSION) throw new DatabaseError(`the database schema is version ${from}, newer than this gateway's ${SCHEMA_VERSION}; upgrade the gateway`, { from, supported: SCHEMA_VERSION });
  for (const m of MIGRATIONS) {
    await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(7411014)');
      if ((await current(tx)) >= m.version) return;
      for (const sql of m.statements(db.kind)) await tx.run(sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [BigInt(m.version), m.name, BigInt(Date.now())]);
    });
  }
  return { from, to: await current(db) };
}
