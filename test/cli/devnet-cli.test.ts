import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';

const CLI = join(__dirname, '../../dist/src/cli/main.js');

function pog(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One JSON-RPC call over a fresh WebSocket. */
function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })));
    ws.on('message', (m) => {
      ws.close();
      resolve(JSON.parse(m.toString()).result);
    });
    ws.on('error', reject);
  });
}

describe('pog devnet', () => {
  it('documents its flags and genesis', () => {
    const { code, stdout } = pog('devnet', '--help');
    expect(code).toBe(0);
    for (const flag of ['--port', '--host', '--data-dir', '--reset', '--block-time', '--instant', '--config', '--log-level', '--rpc-cors', '--rpc-max-connections', '--rpc-max-connections-per-ip', '--rpc-max-request-size', '--rpc-max-response-size', '--rpc-max-subscriptions-per-connection', '--rpc-max-batch-request-len']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('//Alice is sudo');
  });

  it('rejects a bad flag with exit code 2 and one line', () => {
    const { code, stderr } = pog('devnet', '--block-time', '5');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/blockTime/);
  });

  it('rejects an --rpc-cors value that is not a list of origins', () => {
    const { code, stderr } = pog('devnet', '--port', '0', '--rpc-cors', 'localhost');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--rpc-cors takes "all" or a comma-separated list of origins');
  });

  it('starts in under 3 seconds, prints its endpoint, serves JSON-RPC and stops on SIGTERM', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, 'devnet', '--port', '0', '--block-time', '50', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^pog devnet: (ws:\/\/127\.0\.0\.1:\d+) /m.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (c) => reject(new Error(`exited with ${c}`)));
    });
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 300));
    const header = (await rpc(url, 'chain_getHeader')) as { number: string };
    expect(parseInt(header.number, 16)).toBeGreaterThan(1);
    expect(await rpc(url, 'system_chain')).toBe('pog devnet');
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('names the port when it is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = pog('devnet', '--port', String(port));
      expect(code).toBe(1);
      expect(stderr).toContain(String(port));
    } finally {
      blocker.close();
    }
  });
});
