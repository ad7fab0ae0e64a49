import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { burnedRegister, connectChain, keypairFromUri, loadMetagraph, registerSubnet, startCall, type ChainClient } from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { raw } from './helpers';

const CLI = join(__dirname, '../../dist/src/cli/main.js');

/** Runs the CLI to completion without blocking this process's event loop (the dev chain lives in it). */
function pog(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `pog miner` as an operator runs it, against a dev chain started by the test. */
describe('pog miner (the CLI process)', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  let netuid = -1;
  const minerHotUri = '//Eve//pog-cli-miner';

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    ({ netuid } = await registerSubnet(client, { signer: keypairFromUri('//Bob'), hotkey: keypairFromUri('//Bob//owner').address }));
    await startCall(client, { signer: keypairFromUri('//Bob'), netuid });
    await burnedRegister(client, { signer: keypairFromUri('//Eve'), netuid, hotkey: keypairFromUri(minerHotUri).address });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await devnet?.close();
  });

  it('documents its flags', async () => {
    const { code, stdout } = await pog(['miner', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--netuid', '--wallet.name', '--wallet.hotkey', '--chain', '--axon.port', '--axon.external-ip', '--device', '--allow', '--queue-size']) expect(stdout).toContain(flag);
  });

  it('refuses bad input with exit code 2 and one line', async () => {
    const { code, stderr } = await pog(['miner', '--chain', devnet.url, '--hotkey-uri', minerHotUri]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/netuid/);
    const bad = await pog(['miner', '--netuid', String(netuid), '--chain', devnet.url, '--hotkey-uri', minerHotUri, '--allow', 'not-an-address']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/allow/);
  });

  it('an unregistered hotkey: exit code 2 and one line naming `pog register`', async () => {
    const { code, stderr } = await pog(['miner', '--netuid', String(netuid), '--chain', devnet.url, '--hotkey-uri', '//Nobody//hot', '--log-level', 'silent']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`is not registered on subnet ${netuid}; register it first: pog register --netuid ${netuid} --hotkey-uri //Nobody//hot`);
    const wallet = await pog(['miner', '--netuid', String(netuid), '--chain', devnet.url, '--wallet.name', 'nowallet', '--wallet.path', '/nonexistent-pog-wallets', '--log-level', 'silent']);
    expect(wallet.code).not.toBe(0);
  });

  it('serves its axon until SIGTERM, then exits 0', async () => {
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      [CLI, 'miner', '--netuid', String(netuid), '--chain', devnet.url, '--hotkey-uri', minerHotUri, '--device', 'cpu', '--threads', '1',
        '--axon.host', '127.0.0.1', '--axon.port', '0', '--axon.external-ip', '10.0.0.9', '--log-level', 'warn'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^pog miner: .* at 127\.0\.0\.1:(\d+);/m.exec(out);
          if (m) resolve(Number(m[1]));
        });
        void exited.then((c) => reject(new Error(`exited with ${c}: ${stderr}`)));
      });
      const health = await raw(port, { path: '/health' });
      expect(health.json).toMatchObject({ status: 'ok', hotkey: keypairFromUri(minerHotUri).address, netuid, device: 'cpu' });
      const mg = await loadMetagraph(client, netuid);
      expect(mg.axons[mg.hotkeys.indexOf(keypairFromUri(minerHotUri).address)]).toMatchObject({ ip: '10.0.0.9', port });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('pog miner: stopping');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
