import '@polkadot/api-augment';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

const CLI = join(__dirname, '../../../../dist/src/cli/main.js');
const TAO = 10n ** 9n;

/** Starts `pog devnet` as a separate process and resolves with its endpoint once it prints it. */
function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'devnet', '--data-dir', dataDir, '--port', '0', '--block-time', '25', '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`pog devnet did not start: ${err}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /pog devnet: (ws:\/\/[^ ]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`pog devnet exited with ${code}: ${err}`)));
  });
}

/** Deterministic delays so a failure reproduces. */
function* delays(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield 200 + (x % 900);
  }
}

describe('pog devnet survives kill -9', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), 'pog-devnet-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every announced block and transaction across repeated SIGKILLs', async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    const pause = delays(42);
    let confirmed = 0n; // TAO to Bob in blocks the chain announced
    let lastSeenHead = 0;
    let genesis: string | null = null;
    const bobAtGenesis = 1_000_000n * TAO;

    for (let round = 0; round < 4; round++) {
      const { child, url } = await startCli(dir);
      const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
      genesis ??= api.genesisHash.toHex();
      expect(api.genesisHash.toHex()).toBe(genesis);
      const head = (await api.rpc.chain.getHeader()).number.toNumber();
      expect(head).toBeGreaterThanOrEqual(lastSeenHead);
      const bobNow = (await api.query.system.account(bob.address)).data.free.toBigInt();
      // Everything announced before the kill is there; at most the one in-flight transfer more.
      expect(bobNow - bobAtGenesis).toBeGreaterThanOrEqual(confirmed);
      expect(bobNow - bobAtGenesis).toBeLessThanOrEqual(confirmed + TAO);
      confirmed = bobNow - bobAtGenesis;

      const killAt = Date.now() + pause.next().value!;
      while (Date.now() < killAt) {
        await new Promise<void>((resolve, reject) => {
          api.tx.balances.transferKeepAlive(bob.address, TAO).signAndSend(alice, (r) => {
            if (r.status.isInBlock) {
              confirmed += TAO;
              resolve();
            }
          }).catch(reject);
        });
        lastSeenHead = (await api.rpc.chain.getHeader()).number.toNumber();
      }
      // One more transfer in flight, then the kill lands somewhere inside block production.
      void api.tx.balances.transferKeepAlive(bob.address, TAO).signAndSend(alice).catch(() => undefined);
      await new Promise((r) => setTimeout(r, pause.next().value! % 40));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await api.disconnect();
    }
  }, 60_000);
});
