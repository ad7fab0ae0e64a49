import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(__dirname, '../../../dist/src/cli/main.js');

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
}

/** Runs the CLI to completion without blocking this process's event loop (the dev chain and the miner live in it). */
export function pog(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * @polkadot/rpc-core unsubscribes lazily (`refCountDelay`: a 1750 ms rxjs timer per subscription,
 * still pending after `ChainClient.close()`); without this wait jest reports that it "did not
 * exit one second after the test run". Call after closing every client.
 */
export const settlePolkadotTimers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1900));
