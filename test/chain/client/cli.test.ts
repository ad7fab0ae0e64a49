import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectChain, loadMetagraph, type ChainClient } from '../../../src/chain/client';
import { startDevnet, type RunningDevnet } from '../../../src/chain/devnet';
import { dev, freePort, TAO } from './helpers';

// The built CLI, as `npx pog` runs it (`npm test` builds first).
const CLI = join(__dirname, '../../../dist/src/cli/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs pog asynchronously (the dev chain lives in this process, so a blocking spawnSync would
 * stall it), with a clean BT_* / POG_CHAIN environment plus `env`.
 */
function pog(args: string[], env: Record<string, string> = {}): Promise<Run> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BT_') && k !== 'POG_CHAIN'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...clean, POG_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const json = (r: Run) => JSON.parse(r.stdout) as Record<string, unknown>;

describe('pog subnet / register / stake', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  let root: string;
  const wallet = (name: string) => ['--wallet.name', name, '--wallet.path', root];

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url });
    root = mkdtempSync(join(tmpdir(), 'pog-chain-cli-'));
  });
  afterAll(async () => {
    await client.close();
    await devnet.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Creates an unencrypted wallet with pog and returns its coldkey and hotkey addresses. */
  async function createWallet(name: string): Promise<{ coldkey: string; hotkey: string }> {
    const r = await pog(['wallet', 'create', ...wallet(name), '--no-password', '--json']);
    expect(r.code).toBe(0);
    const created = json(r) as { coldkey: { ss58Address: string }; hotkey: { ss58Address: string } };
    return { coldkey: created.coldkey.ss58Address, hotkey: created.hotkey.ss58Address };
  }

  const fund = (address: string, tao: bigint) => client.submit(client.api.tx.balances!.transferKeepAlive!(address, tao * TAO), dev.alice());

  it('documents the commands and their flags', async () => {
    const top = await pog(['--help']);
    for (const command of ['subnet', 'register', 'stake']) expect(top.stdout).toContain(command);
    const subnet = await pog(['subnet', '--help']);
    for (const command of ['create', 'hyperparams', 'start']) expect(subnet.stdout).toContain(command);
    for (const [args, flags] of [
      [['subnet', 'create', '--help'], ['--chain', '--wallet.name', '--wallet.hotkey', '--wallet.path', '--json', '--log-level', 'POG_CHAIN', 'BT_PW_']],
      [['subnet', 'hyperparams', '--help'], ['--netuid', '--set <name=value>', '--via', 'weights_rate_limit']],
      [['register', '--help'], ['--netuid', '--chain', '--wallet.name']],
      [['stake', '--help'], ['--netuid', '--amount', '--unstake', '--hotkey-address']],
    ] as const) {
      const r = await pog([...args]);
      expect(r.code).toBe(0);
      for (const flag of flags) expect(r.stdout).toContain(flag);
    }
  });

  it('creates, configures and starts a subnet, registers a miner and stakes to it, from wallet files', async () => {
    // About a dozen CLI processes in a row, each a cold Node start with a chain connection: 35 s on an idle 2-core machine.
    const owner = await createWallet('owner');
    await fund(owner.coldkey, 1100n);
    const created = await pog(['subnet', 'create', '--chain', devnet.url, ...wallet('owner'), '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(json(created)).toMatchObject({ netuid: 1, owner: owner.coldkey, hotkey: owner.hotkey, lockCost: String(1000n * TAO) });

    // POG_CHAIN instead of --chain; sudo (//Alice on the dev chain) sets a root-only value.
    const sudo = await pog(['subnet', 'hyperparams', '--netuid', '1', '--coldkey-uri', '//Alice', '--set', 'admin_freeze_window=0', '--set', 'weights_rate_limit=0', '--set', 'network_rate_limit=0', '--json'], { POG_CHAIN: devnet.url });
    expect(sudo.code).toBe(0);
    expect(json(sudo)).toMatchObject({
      netuid: 1,
      hyperparameters: { admin_freeze_window: '0', weights_rate_limit: '0', network_rate_limit: '0' },
      set: [{ name: 'admin_freeze_window', via: 'sudo' }, { name: 'weights_rate_limit', via: 'sudo' }, { name: 'network_rate_limit', via: 'sudo' }],
    });
    const asOwner = await pog(['subnet', 'hyperparams', '--chain', devnet.url, '--netuid', '1', ...wallet('owner'), '--set', 'commit_reveal_weights_enabled=false']);
    expect(asOwner.code).toBe(0);
    expect(asOwner.stderr).toMatch(/^pog: set commit_reveal_weights_enabled = false \(as owner\) in block #\d+\n$/);
    expect(asOwner.stdout).toMatch(/^subnet 1 hyperparameters at block #\d+$/m);
    expect(asOwner.stdout).toMatch(/^ {2}commit_reveal_weights_enabled\s+false\s+sudo or owner$/m);
    expect(asOwner.stdout).toMatch(/^ {2}tempo\s+10\s+sudo$/m);

    const started = await pog(['subnet', 'start', '--chain', devnet.url, '--netuid', '1', ...wallet('owner')]);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^started subnet 1/);

    const miner = await createWallet('miner');
    await fund(miner.coldkey, 50n);
    const registered = await pog(['register', '--chain', devnet.url, '--netuid', '1', ...wallet('miner')]);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toContain(`registered hotkey ${miner.hotkey} on subnet 1 as uid 1`);
    expect(registered.stdout).toContain('paid the burn of 1 TAO');

    const staked = await pog(['stake', '--chain', devnet.url, '--netuid', '1', '--amount', '10', ...wallet('miner'), '--json']);
    expect(staked.code).toBe(0);
    const stakedJson = json(staked) as { tao: string; alpha: string; stake: string };
    expect(stakedJson.tao).toBe(String(10n * TAO));
    expect(BigInt(stakedJson.stake)).toBe(BigInt(stakedJson.alpha));

    const unstaked = await pog(['stake', '--chain', devnet.url, '--netuid', '1', '--amount', '2.5', '--unstake', ...wallet('miner')]);
    expect(unstaked.code).toBe(0);
    expect(unstaked.stdout).toMatch(/^unstaked 2\.5 alpha for [\d.]+ TAO on subnet 1$/m);

    const mg = await loadMetagraph(client, 1);
    expect(mg.hotkeys).toEqual([owner.hotkey, miner.hotkey]);
    expect(mg.coldkeys).toEqual([owner.coldkey, miner.coldkey]);
    expect(mg.stake[1]).toBe(BigInt(stakedJson.stake) - 2_500_000_000n);
  }, 120_000);

  it('reports the chain\'s errors in one line with exit code 1', async () => {
    const poor = await createWallet('poor');
    const unfunded = await pog(['register', '--chain', devnet.url, '--netuid', '1', ...wallet('poor')]);
    expect(unfunded.code).toBe(1);
    expect(unfunded.stderr).toBe('pog: error: subtensorModule.burnedRegister was rejected by the node: 1010: Invalid Transaction: Inability to pay some fees (e.g. account balance too low)\n');

    await fund(poor.coldkey, 5n);
    const lock = await pog(['subnet', 'create', '--chain', devnet.url, ...wallet('poor')]);
    expect(lock.code).toBe(1);
    expect(lock.stderr.trim().split('\n')).toHaveLength(1);
    expect(lock.stderr).toMatch(/^pog: error: subtensorModule\.registerNetwork failed in block #\d+: subtensorModule\.CannotAffordLockCost/);

    const rootOnly = await pog(['subnet', 'hyperparams', '--chain', devnet.url, '--netuid', '1', ...wallet('owner'), '--set', 'tempo=5']);
    expect(rootOnly.code).toBe(1);
    expect(rootOnly.stderr).toMatch(/^pog: error: adminUtils\.sudoSetTempo failed in block #\d+: BadOrigin; this runtime lets only sudo set tempo; try --via sudo with the sudo key\n$/);

    const again = await pog(['register', '--chain', devnet.url, '--netuid', '1', ...wallet('miner')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/subtensorModule\.HotKeyAlreadyRegisteredInSubNet; this hotkey already has a uid on the subnet\n$/);
  });

  it('rejects bad input with exit code 2, and names an unreachable endpoint', async () => {
    const cases: [string[], RegExp][] = [
      [['stake', '--chain', 'http://127.0.0.1:9944', '--netuid', '1', '--amount', '1'], /chain: the chain endpoint must be a ws:\/\/ or wss:\/\/ URL/],
      [['stake', '--chain', devnet.url, '--netuid', '1', '--amount', '1.0000000001', ...wallet('miner')], /amount: .*at most 9 decimals/],
      [['stake', '--chain', devnet.url, '--netuid', '1', '--amount', '1', '--hotkey-address', 'nope', ...wallet('miner')], /hotkey "nope" is not an SS58 address/],
      [['subnet', 'hyperparams', '--chain', devnet.url, '--netuid', '1', '--coldkey-uri', '//Alice', '--set', 'warp_speed=9'], /unknown hyperparameter "warp_speed"/],
      [['subnet', 'hyperparams', '--chain', devnet.url, '--netuid', '7'], /subnet 7 does not exist/],
      [['register', '--chain', devnet.url, '--netuid', '1', '--coldkey-uri', 'word word word'], /only dev URIs such as \/\/Alice/],
      [['register', '--chain', devnet.url, '--netuid', '1', '--wallet.name', '../x'], /--wallet.name \/ BT_WALLET_NAME/],
    ];
    for (const [args, message] of cases) {
      const r = await pog(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }

    const port = await freePort();
    const down = await pog(['register', '--chain', `ws://127.0.0.1:${port}`, '--connect-attempts', '2', '--netuid', '1', '--coldkey-uri', '//Alice']);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`pog: error: chain endpoint ws://127.0.0.1:${port} is unreachable after 2 attempts: connect ECONNREFUSED 127.0.0.1:${port} (start a node, e.g. \`pog devnet\`, or pass --chain)\n`);
  });
});
