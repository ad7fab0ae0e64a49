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
  {
    version: 4,
    name: 'job pipeline: runs, results, leases, miner outcomes, revenue outbox, bonds',
    statements: (d) => [
      // Which gateway runs a job and until when: a crashed gateway's jobs are requeued once its lease lapses.
      'ALTER TABLE jobs ADD COLUMN owner TEXT',
      'ALTER TABLE jobs ADD COLUMN lease_until_ms BIGINT',
      // How many miners must agree before the job is delivered: 1 (unchecked) or 2 (checked); fixed once decided.
      'ALTER TABLE jobs ADD COLUMN required_agreement BIGINT',
      // One row per attempt of a job on a miner; a job never runs twice on the same miner.
      `CREATE TABLE job_runs (
        job_id TEXT NOT NULL REFERENCES jobs(id),
        miner TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'ok', 'error', 'lost')),
        outputs ${blob(d)},
        output_hash TEXT,
        miner_receipt TEXT,
        device_ms BIGINT,
        error TEXT,
        started_ms BIGINT NOT NULL,
        finished_ms BIGINT,
        PRIMARY KEY (job_id, miner)
      )`,
      // What the buyer gets: written in the transaction that charges the job.
      `CREATE TABLE job_results (
        job_id TEXT PRIMARY KEY REFERENCES jobs(id),
        outputs ${blob(d)} NOT NULL,
        output_hash TEXT NOT NULL,
        receipt TEXT NOT NULL,
        created_ms BIGINT NOT NULL
      )`,
      // A miner's checked jobs: validated (1) or a failed validation (0). Reputation reads the last W.
      `CREATE TABLE miner_outcomes (
        seq ${d === 'postgres' ? 'BIGSERIAL' : 'INTEGER'} PRIMARY KEY${d === 'postgres' ? '' : ' AUTOINCREMENT'},
        miner TEXT NOT NULL,
        job_id TEXT NOT NULL REFERENCES jobs(id),
        validated BIGINT NOT NULL CHECK (validated IN (0, 1)),
        created_ms BIGINT NOT NULL,
        UNIQUE (miner, job_id)
      )`,
      `CREATE INDEX miner_outcomes_miner ON miner_outcomes (miner, seq)`,
      // Revenue for the buyback ledger, one row per reference (job-<id>, bond-<miner>-<job>),
      // written in the settling transaction and exported to the ledger under the same id.
      `CREATE TABLE revenue_outbox (
        id TEXT PRIMARY KEY,
        amount BIGINT NOT NULL CHECK (amount > 0),
        source TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        exported_ms BIGINT
      )`,
      // Collateral miners deposited (seed 004 bonds): locked per job, returned when validated, forfeited otherwise.
      `CREATE TABLE miner_bonds (
        miner TEXT PRIMARY KEY,
        available BIGINT NOT NULL DEFAULT 0 CHECK (available >= 0),
        locked BIGINT NOT NULL DEFAULT 0 CHECK (locked >= 0),
        forfeited BIGINT NOT NULL DEFAULT 0 CHECK (forfeited >= 0)
      )`,
      `CREATE TABLE bond_locks (
        job_id TEXT NOT NULL REFERENCES jobs(id),
        miner TEXT NOT NULL,
        amount BIGINT NOT NULL CHECK (amount > 0),
        state TEXT NOT NULL CHECK (state IN ('locked', 'returned', 'forfeited')),
        PRIMARY KEY (job_id, miner)
      )`,
      `CREATE TABLE bond_deposits (
        ref TEXT PRIMARY KEY,
        miner TEXT NOT NULL,
        amount BIGINT NOT NULL CHECK (amount > 0),
        created_ms BIGINT NOT NULL
      )`,
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
