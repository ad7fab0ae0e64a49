import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built CLI, exactly as `npx pog` runs it (`npm test` builds first).
const CLI = join(__dirname, '../../dist/src/cli/main.js');

describe('pog gateway', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    dir = mkdtempSync(join(tmpdir(), 'pog-gw-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('refuses to start without a deposit seed, naming it', () => {
    const r = spawnSync(process.execPath, [CLI, 'gateway', '--data-dir', dir, '--port', '0'], { encoding: 'utf8', env: { ...process.env, POG_GATEWAY_DEPOSIT_SEED: '' }, timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/depositSeed/);
  });

  test('dispatch needs a chain: --netuid without --chain is refused naming it; secrets are never flags', () => {
    const env = { ...process.env, POG_GATEWAY_DEPOSIT_SEED: '//GatewayCliTest' };
    const r = spawnSync(process.execPath, [CLI, 'gateway', '--data-dir', dir, '--port', '0', '--netuid', '1', '--hotkey-uri', '//Alice'], { encoding: 'utf8', env, timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--netuid needs --chain/);
    const help = spawnSync(process.execPath, [CLI, 'gateway', '--help'], { encoding: 'utf8', timeout: 30_000 }).stdout;
    for (const flag of ['--netuid', '--hotkey-uri', '--validator-state-dir', '--chain', '--ledger-dir', '--wallet.name']) expect(help).toContain(flag);
    expect(help).not.toMatch(/--(admin-token|webhook-secret|deposit-seed)/);
  });

  test('serves the API on an ephemeral port, keeps its accounts across a restart, and stops on SIGTERM', async () => {
    const env = { ...process.env, POG_GATEWAY_DEPOSIT_SEED: '//GatewayCliTest', POG_GATEWAY_ADMIN_TOKEN: 'cli-admin-token-0123456789' };
    const run = async (fn: (url: string) => Promise<void>) => {
      const child = spawn(process.execPath, [CLI, 'gateway', '--data-dir', dir, '--port', '0', '--log-level', 'warn'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /pog gateway: (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
      });
      await fn(url);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    };
    let accountId = '';
    let apiKey = '';
    await run(async (url) => {
      expect(((await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string }).openapi).toBe('3.1.0');
      const res = await fetch(`${url}/v1/accounts`, { method: 'POST', headers: { authorization: `Bearer ${env.POG_GATEWAY_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'cli buyer' }) });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { account: { id: string }; apiKey: string };
      accountId = body.account.id;
      apiKey = body.apiKey;
    });
    await run(async (url) => {
      const res = await fetch(`${url}/v1/account`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { account: { id: string } }).account.id).toBe(accountId);
    });
  });
});
