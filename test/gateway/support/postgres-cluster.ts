import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests: initdb + pg_ctl in a temp directory, listening on
 * a free port on 127.0.0.1 only, trust auth, fsync off. PostgreSQL refuses to run as root, so
 * as root the cluster runs as `nobody` (through runuser). Where no server binary exists the
 * caller skips loudly; where one exists but fails to start, that is a test failure. CI installs
 * Debian's postgresql (see .ci/run), so there it always runs.
 */
export interface PostgresCluster {
  /** A fresh, empty database on the cluster; its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
}

export function findPostgresBinDir(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const direct = onPath.status === 0 ? onPath.stdout.trim() : '';
  if (direct && existsSync(direct.replace(/pg_ctl$/, 'initdb'))) return direct.replace(/\/pg_ctl$/, '');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster from the binaries in `bin`; throws (with the server's stderr) where it fails. */
export async function startPostgres(bin: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pog-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (file: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'nobody', '--', join(bin, file), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, file), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  try {
    if (asRoot) {
      const ids = execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim();
      const gid = execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim();
      chownSync(dir, Number(ids), Number(gid));
    }
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-locale', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=60`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
    let n = 0;
    const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
        async createDatabase() {
          const name = `t_${process.pid}_${++n}`;
          const client = new pg.Client({ connectionString: admin });
          await client.connect();
          try {
            await client.query(`CREATE DATABASE ${name}`);
          } finally {
            await client.end();
          }
          return `postgres://postgres@127.0.0.1:${port}/${name}`;
        },
        stop() {
          try {
            run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
          } catch {
            // already gone
          }
          rmSync(dir, { recursive: true, force: true });
        },
    };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL server from ${bin}: ${stderr || (error as Error).message}`);
  }
}
