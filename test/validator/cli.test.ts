import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  addStake,
  burnedRegister,
  connectChain,
  keypairFromUri,
  loadMetagraph,
  registerSubnet,
  serveAxon,
  setHyperparameter,
  startCall,
  taoToRao,
  type ChainClient,
} from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { MinerNode } from '../../src/miner';
import { WorkloadRunner } from '../../src/pog';
import type { ValidatorReport } from '../../src/validator';
import { behaviourWorkload, fixtureCapacity } from './support/miners';
import { assertBuilt, CLI, pog, settlePolkadotTimers } from './support/cli-pog';

/**
 * `pog validator` as an operator runs it: a dev chain, one honest in-process miner, the validator
 * as a child process; SIGTERM after its first committed round, then `pog validator report`.
 *
 * The chain refuses 127.0.0.1 as an axon address (InvalidIpAddress), and the CLI has no axon
 * resolver, so the miner listens on 127.0.0.2 (loopback on Linux) and announces that.
 */
describe('pog validator (the CLI process)', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  let runner: WorkloadRunner;
  let miner: MinerNode;
  let stateDir: string;
  let netuid = -1;
  const sudoKey = keypairFromUri('//Alice');
  const owner = keypairFromUri('//Bob');
  const validatorUri = '//Bob//pog-cli-validator';
  const validatorHot = keypairFromUri(validatorUri);
  const minerCold = keypairFromUri('//Charlie');
  const minerHot = keypairFromUri('//Charlie//pog-cli-honest');
  const minerHost = '127.0.0.2';

  beforeAll(async () => {
    assertBuilt();
    stateDir = mkdtempSync(join(tmpdir(), 'pog-validator-cli-'));
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    ({ netuid } = await registerSubnet(client, { signer: owner, hotkey: validatorHot.address }));
    await setHyperparameter(client, { signer: sudoKey, name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'tempo', value: 4 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'weights_rate_limit', value: 0 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'commit_reveal_weights_enabled', value: false });
    await startCall(client, { signer: owner, netuid });
    await addStake(client, { signer: owner, hotkey: validatorHot.address, netuid, amount: taoToRao('100') });
    await burnedRegister(client, { signer: minerCold, netuid, hotkey: minerHot.address });
    runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
    miner = await MinerNode.start({
      hotkey: minerHot,
      netuid,
      device: 'cpu',
      runWorkload: behaviourWorkload(runner, { kind: 'honest' }),
      capacity: fixtureCapacity(),
      allow: [validatorHot.address],
      host: minerHost,
      port: 0,
    });
    await serveAxon(client, { signer: minerHot, netuid, ip: minerHost, port: miner.port });
  }, 60_000);

  afterAll(async () => {
    await miner?.stop(1000);
    await runner?.close();
    await client?.close();
    await devnet?.close();
    await settlePolkadotTimers();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('documents every flag and the report subcommand', async () => {
    const { code, stdout } = await pog(['validator', '--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--netuid', '--chain', '--wallet.name', '--wallet.hotkey', '--wallet.path', '--hotkey-uri', '--state-dir', '--preset', '--device',
      '--concurrency', '--window', '--reference', '--metrics-port', '--no-weights', '--connect-attempts', '--config', '--log-level',
    ]) expect(stdout).toContain(flag);
    expect(stdout).toMatch(/^\s+report\b/m);
    const report = await pog(['validator', 'report', '--help']);
    expect(report.code).toBe(0);
    for (const flag of ['--state-dir', '--json']) expect(report.stdout).toContain(flag);
  });

  it('refuses a bad flag value with exit code 2 and one line naming it', async () => {
    const cases: [string[], RegExp][] = [
      [['--hotkey-uri', validatorUri, '--chain', devnet.url], /netuid/],
      [['--netuid', String(netuid), '--hotkey-uri', 'Bob', '--chain', devnet.url], /hotkeyUri/],
      [['--netuid', String(netuid), '--hotkey-uri', validatorUri, '--chain', 'http://127.0.0.1:9944'], /chain/],
      [['--netuid', String(netuid), '--hotkey-uri', validatorUri, '--chain', devnet.url, '--concurrency', '0'], /concurrency/],
    ];
    for (const [args, pattern] of cases) {
      const { code, stderr } = await pog(['validator', ...args]);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(pattern);
    }
  });

  it('an unknown option or a bad choice is a usage error naming it', async () => {
    // Commander's parse errors: non-zero, the first line names the option (see the report: exit 1, two lines today).
    for (const [args, pattern] of [
      [['--bogus'], /unknown option '--bogus'/],
      [['--preset', 'nope'], /--preset.*nope/],
    ] as [string[], RegExp][]) {
      const { code, stderr } = await pog(['validator', ...args]);
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')[0]).toMatch(pattern);
    }
  });

  it('`report` without state: exit 2, one line', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pog-validator-cli-empty-'));
    try {
      const { code, stderr } = await pog(['validator', 'report', '--state-dir', empty, '--json']);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`no validator state in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('runs a round against the honest miner, exits 0 on SIGTERM, and `report --json` shows the pass', async () => {
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      [CLI, 'validator', '--netuid', String(netuid), '--chain', devnet.url, '--hotkey-uri', validatorUri, '--state-dir', stateDir,
        '--preset', 'ci', '--device', 'cpu', '--reference', 'js', '--window', '20', '--measure-window', '1', '--max-challenges', '64', '--metrics-port', '0', '--log-level', 'info'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // The first committed round, from the JSON log on stderr.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no round committed within 40 s:\n${stderr.slice(-4000)}`)), 40_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/"msg":"round committed"/.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then((c) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${c} before a round: ${stderr.slice(-4000)}`));
        });
      });
      expect(stdout).toMatch(new RegExp(`^pog validator: hotkey ${validatorHot.address} on subnet ${netuid}, preset ci, state ${stateDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, metrics on 127\\.0\\.0\\.1:\\d+`, 'm'));

      const stopAt = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref())]);
      expect(code).toBe(0);
      expect(Date.now() - stopAt).toBeLessThan(5000);
      expect(stderr).toContain('pog validator: stopping');
    } finally {
      child.kill('SIGKILL');
    }

    const { code, stdout: json, stderr: err } = await pog(['validator', 'report', '--state-dir', stateDir, '--json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const report = JSON.parse(json) as ValidatorReport;
    expect(report).toMatchObject({ netuid, validator: validatorHot.address });
    expect(report.round).toBeGreaterThanOrEqual(1);
    const mg = await loadMetagraph(client, netuid);
    const uid = mg.hotkeys.indexOf(minerHot.address);
    expect(report.miners.map((m) => m.uid)).toEqual([uid]);
    const row = report.miners[0]!;
    expect(row).toMatchObject({ uid, hotkey: minerHot.address, lastOutcome: 'passed', lastCode: 'verified', class: 'CPU', passes: report.round, rounds: report.round, zeroReason: null });
    expect(row.tflops).toBeGreaterThan(0);
    expect(row.score).toBeGreaterThan(0);
    expect(report.lastEvidence?.digest).toMatch(/^0x[0-9a-f]{64}$/);

    // The text form reads the same state.
    const text = await pog(['validator', 'report', '--state-dir', stateDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`validator ${validatorHot.address} on subnet ${netuid}`);
    expect(text.stdout).toContain(minerHot.address);
  }, 60_000);
});
