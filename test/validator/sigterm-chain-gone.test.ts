import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectChain, keypairFromUri, registerSubnet, type ChainClient } from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { assertBuilt, CLI, settlePolkadotTimers } from './support/cli-pog';

/**
 * An operator stops a validator whose chain went away: the built CLI, against a dev chain
 * that is then shut down, must end promptly on SIGTERM (its pending chain calls and the
 * WebSocket's reconnect loop are abandoned), not after the chain client's timeouts.
 */
describe('pog validator stops promptly when its chain is gone', () => {
  let devnet: RunningDevnet | null = null;
  let client: ChainClient | null = null;
  let stateDir: string;
  const validatorUri = '//Bob//pog-sigterm-validator';

  beforeAll(async () => {
    assertBuilt();
    stateDir = mkdtempSync(join(tmpdir(), 'pog-validator-sigterm-'));
    // Blocks only when this test makes them: the validator's first submission then stays in flight.
    devnet = await startDevnet({ port: 0, blockTimeMs: 600_000 });
    const node = devnet.node;
    const blocks = setInterval(() => node.produceBlock(), 50);
    try {
      client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
      await registerSubnet(client, { signer: keypairFromUri('//Bob'), hotkey: keypairFromUri(validatorUri).address });
      // The hotkey pays the fee of its evidence remark.
      await client.submit(client.api.tx.balances!.transferKeepAlive!(keypairFromUri(validatorUri).address, 10_000_000_000n), keypairFromUri('//Alice'));
      await client.close();
      client = null;
    } finally {
      clearInterval(blocks);
    }
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await devnet?.close();
    await settlePolkadotTimers();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('exits within 3 s of SIGTERM after the chain went away', async () => {
    const child = spawn(process.execPath, [CLI, 'validator', '--netuid', '1', '--hotkey-uri', validatorUri, '--chain', devnet!.url, '--state-dir', stateDir, '--log-level', 'debug', '--metrics-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, POG_DEBUG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      // Running, with its round's evidence remark sent and never included (no blocks now).
      const until = Date.now() + 20_000;
      while (!/extrinsic accepted by the pool/.test(stderr) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(stdout).toContain('pog validator: hotkey');
      expect(stderr).toMatch(/"call":"system\.remarkWithEvent".*"msg":"extrinsic accepted by the pool"/);
      await new Promise((r) => setTimeout(r, 500));

      await devnet!.close();
      devnet = null;
      // Long enough for the validator to notice and sit in its reconnect loop / pending calls.
      const lostUntil = Date.now() + 10_000;
      while (!/lost the connection to the chain/.test(stderr) && Date.now() < lostUntil) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toMatch(/lost the connection to the chain/);
      await new Promise((r) => setTimeout(r, 1000));

      const sentAt = Date.now();
      child.kill('SIGTERM');
      const end = await exited;
      expect({ code: end.code, signal: end.signal }).toEqual({ code: 0, signal: null });
      expect(end.at - sentAt).toBeLessThan(3000);
      expect(stderr).toContain('pog validator: stopping');
    } finally {
      clearTimeout(kill);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
