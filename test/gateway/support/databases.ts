import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../../src/gateway/db/database';
import { openDatabase } from '../../../src/gateway/db/open-database';
import { findPostgresBinDir, startPostgres, type PostgresCluster } from './postgres-cluster';

const PG_BIN = findPostgresBinDir();

/**
 * Runs a suite against the embedded database and against a PostgreSQL server. `open()` gives
 * a fresh, migrated database per call; everything opened is closed after the suite. Where no
 * PostgreSQL server binary exists the PostgreSQL half says so loudly and is skipped.
 */
export function describeEachDatabase(title: string, suite: (open: () => Promise<Database>) => void): void {
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
      const db = await openDatabase({ dataDir: dir });
      opened.push(db);
      return db;
    });
  });

  if (!PG_BIN) {
    process.stderr.write(`\n*** SKIPPING the PostgreSQL half of "${title}": no PostgreSQL server binaries (pg_ctl, initdb) on PATH or under /usr/lib/postgresql/*/bin; install Debian's postgresql ***\n\n`);
    describe.skip(`${title} [postgres: no server binaries]`, () => suite(() => Promise.reject(new Error('unreachable'))));
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
      const db = await openDatabase({ url: await cluster.createDatabase(), dataDir: '' });
      opened.push(db);
      return db;
    });
  });
}
