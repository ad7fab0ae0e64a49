import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventRecord } from '@polkadot/types/interfaces';
import { registerSubnet, startCall } from '../../src/chain';
import { dev, startChain, sudo, type Chain } from '../chain/client/helpers';

// The built CLI, exactly as `npx pog` runs it (`npm test` builds first). The dev chain runs in
// this process, so the CLI is spawned asynchronously.
const CLI = join(__dirname, '../../dist/src/cli/main.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function pog(args: string[], env: Record<string, string> = {}): Promise<Run> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, POG_DEBUG: '', POG_CHAIN: '', POG_LEDGER_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('pog economy revenue add | buyback | record | books', () => {
  let chain: Chain;
  let dir: string;
  let url: string;
  const owner = dev.alice;
  const ownerHot = () => dev.key('//CliOwnerHot');
  const ledger = () => ['--ledger-dir', dir, '--chain', url];
  const signer = ['--netuid', '1', '--coldkey-uri', '//Alice'];
  const api = () => chain.client.api;
  const newBlocks = (count: number) => chain.client.provider.send('dev_newBlock', [{ count }]);
  /** Every AddStakeBurn on the chain, with the hash of the extrinsic that emitted it. */
  const burnsOnChain = async (): Promise<{ block: number; txHash: string }[]> => {
    const out: { block: number; txHash: string }[] = [];
    const head = (await api().rpc.chain.getHeader()).number.toNumber();
    for (let n = 1; n <= head; n++) {
      const hash = await api().rpc.chain.getBlockHash(n);
      const events = (await (await api().at(hash)).query.system!.events!()) as unknown as EventRecord[];
      for (const e of events) {
        if (e.event.section !== 'subtensorModule' || e.event.method !== 'AddStakeBurn') continue;
        const block = await api().rpc.chain.getBlock(hash);
        out.push({ block: n, txHash: block.block.extrinsics[e.phase.asApplyExtrinsic.toNumber()]!.hash.toHex() });
      }
    }
    return out;
  };
  /** Blocks until the subnet's next buyback is allowed. */
  const openWindow = () => newBlocks(11);
  const books = async (args: string[] = []) => {
    const r = await pog(['economy', 'books', '--json', ...ledger(), ...args]);
    return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as { ok: boolean; orders: { state: string; tx: { hash: string } | null }[]; check: { mismatches: { kind: string; message: string }[] } | null; totals: Record<string, string> }) : null };
  };

  beforeAll(async () => {
    chain = await startChain();
    url = chain.devnet.url;
    await registerSubnet(chain.client, { signer: owner(), hotkey: ownerHot().address });
    await sudo(chain.client, chain.client.api.tx.adminUtils!.sudoSetAdminFreezeWindow!(0));
    await startCall(chain.client, { signer: owner(), netuid: 1 });
    dir = mkdtempSync(join(tmpdir(), 'pog-economy-ledger-cli-'));
  });
  afterAll(async () => {
    await chain.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents the new subcommands and keeps simulate', async () => {
    const help = await pog(['economy', '--help']);
    for (const c of ['simulate', 'revenue', 'buyback', 'record', 'books']) expect(help.stdout).toContain(c);
    const add = await pog(['economy', 'revenue', 'add', '--help']);
    for (const f of ['--usd', '--rate', '--tao', '--source', '--id', '--ledger-dir', '--buyback', '--coldkey-uri', '--wallet.name']) expect(add.stdout).toContain(f);
    expect(add.stdout).toContain('docs/economy-ledger.md');
    const sim = await pog(['economy', 'simulate', '--days', '35', '--json']);
    expect(sim.code).toBe(0);
    expect(JSON.parse(sim.stdout).config.days).toBe(35);
  });

  it('records revenue idempotently and refuses bad input with exit code 2', async () => {
    const first = await pog(['economy', 'revenue', 'add', '--usd', '120', '--rate', '400', '--source', 'api', '--id', 'invoice-17', '--ledger-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`recorded    revenue invoice-17: 120 USD at 400 USD/TAO = 0.3 TAO (source api) in ${dir}\n`);
    const again = await pog(['economy', 'revenue', 'add', '--usd', '120', '--rate', '400', '--source', 'api', '--id', 'invoice-17', '--ledger-dir', dir, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: false, revenue: { id: 'invoice-17', taoRao: '300000000', usdPerTao: '400' }, buyback: null });
    const conflict = await pog(['economy', 'revenue', 'add', '--usd', '99', '--rate', '400', '--id', 'invoice-17', '--ledger-dir', dir]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^pog: error: revenue invoice-17 is already recorded with other content/);
    for (const [args, message] of [
      [['--usd', '10'], /--usd needs --rate USD_PER_TAO/],
      [['--usd', '10', '--rate', '2', '--tao', '1'], /give exactly one of --usd \(with --rate\) and --tao/],
      [['--tao', '-1'], /--tao is a decimal number/],
      [['--tao', '1', '--buyback'], /--buyback needs --netuid/],
    ] as const) {
      const r = await pog(['economy', 'revenue', 'add', ...args, '--ledger-dir', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('buys back with --buyback: an AddStakeBurn on chain; more revenue in the same tempo is queued', async () => {
    const r = await pog(['economy', 'revenue', 'add', '--tao', '1', '--id', 'rental-1', '--buyback', ...signer, ...ledger()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^buyback {5}order 0x[0-9a-f]{8}…: 1\.3 TAO bought [\d.]+ alpha, burned in block #\d+ \(extrinsic 1\)$/m);
    expect(await burnsOnChain()).toHaveLength(1);
    const queued = await pog(['economy', 'revenue', 'add', '--tao', '0.4', '--id', 'rental-2', '--buyback', ...signer, ...ledger()]);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/^queued {6}1 revenue entry, 0\.4 TAO: the subnet bought back in block #\d+; the next buyback may run from block #\d+ \(in \d+ blocks?, /m);
    const notOwner = await pog(['economy', 'buyback', '--netuid', '1', '--coldkey-uri', '//Bob', ...ledger()]);
    expect(notOwner.code).toBe(2);
    expect(notOwner.stderr).toMatch(/does not own subnet 1 .*only the owner's coldkey may buy back/);
  });

  it.each(['order.submitted', 'order.sent', 'order.included'])('SIGKILL after %s: the next run reconciles and nothing burns twice', async (step) => {
    await openWindow();
    const before = (await burnsOnChain()).length;
    const killed = await pog(['economy', 'buyback', ...signer, ...ledger()], { POG_LEDGER_FAILPOINT: step });
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'ledger.lock'), 'utf8').trim()).not.toBe(''); // left behind by the dead process
    const recovered = await pog(['economy', 'buyback', ...signer, ...ledger()]);
    expect(recovered.stderr).toBe('');
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toMatch(/^recovered   order 0x[0-9a-f]{8}…: [\d.]+ TAO bought [\d.]+ alpha, burned in block #\d+/m);
    const burns = await burnsOnChain();
    expect(burns).toHaveLength(before + 1);
    const b = await books();
    expect(b.code).toBe(0);
    expect(b.json!.ok).toBe(true);
    const confirmed = b.json!.orders.filter((o) => o.state === 'confirmed').map((o) => o.tx!.hash);
    expect(burns.map((x) => x.txHash)).toEqual(confirmed);
    // Revenue for the next case.
    await pog(['economy', 'revenue', 'add', '--tao', '0.2', '--id', `after-${step}`, '--ledger-dir', dir]);
  });

  it('publishes the accounting record and checks it in the books', async () => {
    const r = await pog(['economy', 'record', ...signer, ...ledger()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^record {6}#1, blocks #\d+–#\d+, subnet 1$/m);
    expect(r.stdout).toMatch(/^published   System\.Remarked in block #\d+/m);
    const hash = /^hash {8}(0x[0-9a-f]{64}) \(blake2-256 of (.*)\)$/m.exec(r.stdout)!;
    expect(existsSync(hash[2]!)).toBe(true);
    const text = await books([]);
    expect(text.json!.check!.mismatches).toEqual([]);
    const plain = await pog(['economy', 'books', ...ledger()]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^ok {10}4 burns and 1 record match the chain; no burn is missing from the ledger$/m);
    // Alter the local copy of the record: the books say so.
    const original = readFileSync(hash[2]!, 'utf8');
    writeFileSync(hash[2]!, original.replace('"format"', '"fornat"'));
    const altered = await books();
    expect(altered.code).toBe(1);
    expect(altered.json!.check!.mismatches.map((m) => m.kind)).toEqual(['record-mismatch']);
    writeFileSync(hash[2]!, original);
  });

  it('books exits 1 and lists the burns missing on a chain that does not have them', async () => {
    const other = await startChain();
    try {
      await other.client.provider.send('dev_newBlock', [{ count: 80 }]);
      const r = await pog(['economy', 'books', '--ledger-dir', dir, '--chain', other.devnet.url]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^MISMATCH {4}5 differences between the ledger and the chain:$/m);
      expect(r.stdout.match(/^ {2}missing-burn {4}order 0x[0-9a-f]{8}… is confirmed at block #\d+ .* but the chain has no AddStakeBurn there$/gm)).toHaveLength(4);
      expect(r.stdout).toMatch(/^ {2}missing-record {2}record 1 is confirmed at block #\d+/m);
    } finally {
      await other.close();
    }
    const offline = await pog(['economy', 'books', '--ledger-dir', dir, '--offline']);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/^check {7}not checked against a chain \(--offline\)$/m);
  });
});
