import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../../src/gateway/db/database';
import { openDatabase } from '../../../src/gateway/db/open-database';
import { findPostgresBinDir, startPostgres, type PostgresCluster } from './postgres-cluster';

const PG_BIN = findPostgresBinDir();

/** Opens a second connection to the database `db` is on (what a restarted gateway does). */
export type Reopen = (db: Database) => Promise<Database>;

/**
 * Runs a suite against the embedded database and against a PostgreSQL server. `open()` gives
 * a fresh, migrated database per call; `reopen(db)` a new connection to the same one;
 * everything opened is closed after the suite. Where no PostgreSQL server binary exists the
 * PostgreSQL half says so loudly and is skipped.
 */
export function describeEachDatabase(title: string, suite: (open: () => Promise<Database>, reopen: Reopen) => void): void {
  const locations = new Map<Database, () => Promise<Database>>();
  const reopen: Reopen = async (db) => {
    const again = locations.get(db);
    if (!again) throw new Error('reopen: this database was not opened by the suite');
    const next = await again();
    locations.set(next, again);
    return next;
  };
  describe(`${title} [sqlite]`, () => {
    const dirs: string[] = [];
    const opened: Database[] = [];
    afterAll(async () => {
      for (const db of opened) await db.close().catch(() => undefined);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    suite(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pog-gw-'));
      dirs.push(dir);
      const at = async () => {
        const db = await openDatabase({ dataDir: dir });
        opened.push(db);
        return db;
      };
      const db = await at();
      locations.set(db, at);
      return db;
    }, reopen);
  });

  if (!PG_BIN) {
    process.stderr.write(`\n*** SKIPPING the PostgreSQL half of "${title}": no PostgreSQL server binaries (pg_ctl, initdb) on PATH or under /usr/lib/postgresql/*/bin; install Debian's postgresql ***\n\n`);
    describe.skip(`${title} [postgres: no server binaries]`, () => suite(() => Promise.reject(new Error('unreachable')), reopen));
    return;
  }
  const bin = PG_BIN;
  describe(`${title} [postgres]`, () => {
    let cluster: PostgresCluster | null = null;
    const opened: Database[] = [];
    beforeAll(async () => {
      cluster = await startPostgres(bin);
    }, 60_000);
    afterAll(async () => {
      for (const db of opened) await db.close().catch(() => undefined);
      cluster?.stop();
    });
    suite(async () => {
      if (!cluster) throw new Error('the PostgreSQL cluster did not start (see beforeAll)');
      const url = await cluster.createDatabase();
      const at = async () => {
        const db = await openDatabase({ url, dataDir: '' });
        opened.push(db);
        return db;
      };
      const db = await at();
      locations.set(db, at);
      return db;
    }, reopen);
  });
}
